package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.StoryRunRow;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.audit.history.HistoryReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a run's history and story as the client reads them: one batch of rows read, written, and
 * dropped before the next is read, so a 10,000-step run never sits in memory. A stream covers the
 * run as it was when the request began: steps and commands after that are left out.
 */
@ApplicationScoped
public class AuditStreams {
  /** Media type of newline-delimited JSON. */
  public static final String NDJSON = "application/x-ndjson";

  private final HistoryReader reader;
  private final ObjectMapper mapper;
  private final ObjectWriter writer;

  /**
   * Creates the streams.
   *
   * @param reader the history reader
   * @param mapper the application's JSON mapper
   */
  public AuditStreams(HistoryReader reader, ObjectMapper mapper) {
    this.reader = reader;
    this.mapper = mapper;
    this.writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  }

  /**
   * A page of a run's history.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @param afterSeq last seq seen
   * @param limit page size
   * @return the page
   */
  public HistoryPage page(String tenantId, UUID runId, int afterSeq, int limit) {
    require(tenantId, runId);
    var rows = reader.page(tenantId, runId, afterSeq, limit + 1);
    boolean more = rows.size() > limit;
    var page = (more ? rows.subList(0, limit) : rows).stream().map(AuditJson::entry).toList();
    return new HistoryPage(page, more ? Integer.toString(page.getLast().seq()) : null);
  }

  /**
   * A run's history as newline-delimited JSON: one {@link HistoryEntry} per line, in seq order.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @param afterSeq last seq not wanted
   * @return the body
   */
  public StreamingOutput history(String tenantId, UUID runId, int afterSeq) {
    StoryRunRow run = require(tenantId, runId);
    return out ->
        reader.eachCheckpoint(
            tenantId, runId, afterSeq, run.stepCount(), row -> line(out, AuditJson.entry(row)));
  }

  /**
   * A run's story as one JSON document ({@link RunStory}), written as it is read.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @return the body
   */
  public StreamingOutput story(String tenantId, UUID runId) {
    StoryRunRow run = require(tenantId, runId);
    return out -> {
      try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        ObjectNode head = mapper.valueToTree(AuditJson.run(run));
        for (Map.Entry<String, JsonNode> field : head.properties()) {
          json.writeFieldName(field.getKey());
          writer.writeValue(json, field.getValue());
        }
        json.writeArrayFieldStart("steps");
        reader.eachStep(
            tenantId, runId, run.stepCount(), row -> writer.writeValue(json, AuditJson.step(row)));
        json.writeEndArray();
        json.writeArrayFieldStart("interventions");
        reader.eachIntervention(
            tenantId,
            runId,
            run.commandSeq(),
            row -> writer.writeValue(json, AuditJson.intervention(row)));
        json.writeEndArray();
        json.writeArrayFieldStart("approvals");
        reader.eachApproval(
            tenantId, runId, row -> writer.writeValue(json, AuditJson.approval(row)));
        json.writeEndArray();
        json.writeEndObject();
      }
    };
  }

  /**
   * A run's story for download as newline-delimited JSON: a {@code run} line, a {@code step} line
   * per checkpoint (whole, as the history gives it), an {@code intervention} line per operator
   * command, an {@code approval} line per approval record, and an {@code end} line with the counts,
   * whose absence tells a truncated download.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @return the body
   */
  public StreamingOutput storyExport(String tenantId, UUID runId) {
    StoryRunRow run = require(tenantId, runId);
    return out -> {
      line(out, typed("run", AuditJson.run(run)));
      long steps =
          reader.eachCheckpoint(
              tenantId,
              runId,
              0,
              run.stepCount(),
              row -> line(out, typed("step", AuditJson.entry(row))));
      long interventions =
          reader.eachIntervention(
              tenantId,
              runId,
              run.commandSeq(),
              row -> line(out, typed("intervention", AuditJson.intervention(row))));
      long approvals =
          reader.eachApproval(
              tenantId, runId, row -> line(out, typed("approval", AuditJson.approval(row))));
      ObjectNode end = mapper.createObjectNode().put("type", "end");
      end.put("runId", runId.toString());
      end.put("steps", steps);
      end.put("interventions", interventions);
      end.put("approvals", approvals);
      line(out, end);
    };
  }

  /**
   * The Content-Disposition of a download.
   *
   * @param runId the run
   * @param what {@code history} or {@code story}
   * @return the header value
   */
  public static String attachment(UUID runId, String what) {
    return "attachment; filename=\"run-" + runId + "-" + what + ".ndjson\"";
  }

  private StoryRunRow require(String tenantId, UUID runId) {
    return reader
        .run(tenantId, runId)
        .orElseThrow(() -> CairnException.notFound("run " + runId + " does not exist"));
  }

  private ObjectNode typed(String type, Object value) {
    ObjectNode line = mapper.createObjectNode().put("type", type);
    line.setAll((ObjectNode) mapper.valueToTree(value));
    return line;
  }

  private void line(OutputStream out, Object value) throws IOException {
    out.write(writer.writeValueAsBytes(value));
    out.write('\n');
  }
}
