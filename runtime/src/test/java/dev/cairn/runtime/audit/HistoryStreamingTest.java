package dev.cairn.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.persistence.store.RunHistoryRow;
import dev.cairn.persistence.store.RunHistoryStore;
import dev.cairn.persistence.store.StepSummaryRow;
import dev.cairn.persistence.store.StoryRunRow;
import dev.cairn.runtime.api.audit.AuditStreams;
import dev.cairn.runtime.audit.history.HistoryReader;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The streamed history of a 10,000-step run holds one batch at a time: each batch the store is
 * asked for is bounded, every row of a batch is written to the response before the next batch is
 * read, and the bytes reach the response stream while the run is still being read. The store is a
 * stand-in that makes up rows as it is asked (the database side is covered by HistoryApiTest).
 */
class HistoryStreamingTest {
  private static final int STEPS = 10_000;
  private static final UUID RUN = UUID.randomUUID();

  /** A store that makes up checkpoints, and records what was asked and what was written when. */
  private static final class MadeUpStore extends RunHistoryStore {
    final List<Integer> limits = new ArrayList<>();
    final List<Integer> linesWrittenWhenAsked = new ArrayList<>();
    int handedOut;
    int written;
    int mostInFlight;

    MadeUpStore() {
      super(null);
    }

    @Override
    public Optional<StoryRunRow> run(String tenantId, UUID runId) {
      return Optional.of(
          new StoryRunRow(
              runId,
              "agent",
              1,
              "{}",
              "h",
              "dev",
              Instant.EPOCH,
              "dev",
              Instant.EPOCH,
              "\"hi\"",
              "COMPLETED",
              null,
              null,
              Instant.EPOCH,
              STEPS,
              STEPS,
              0,
              0,
              0,
              0,
              0,
              null));
    }

    @Override
    public List<RunHistoryRow> checkpoints(
        String tenantId, UUID runId, int afterSeq, int upToSeq, int limit) {
      limits.add(limit);
      linesWrittenWhenAsked.add(written);
      List<RunHistoryRow> rows = new ArrayList<>();
      for (int seq = afterSeq + 1; seq <= Math.min(upToSeq, afterSeq + limit); seq++) {
        rows.add(
            new RunHistoryRow(
                seq,
                "MODEL_CALL",
                Instant.EPOCH.plusSeconds(seq),
                "engine",
                "node",
                1,
                "{\"type\":\"CALL_MODEL\"}",
                "{\"text\":\"" + "x".repeat(300) + "\"}",
                10,
                20,
                5,
                "RUNNING",
                "{\"stepCount\":" + seq + "}",
                "p" + seq,
                "h" + seq,
                "jcs-sha256/v1",
                null,
                null,
                null));
      }
      handedOut += rows.size();
      mostInFlight = Math.max(mostInFlight, handedOut - written);
      return rows;
    }

    @Override
    public List<StepSummaryRow> steps(
        String tenantId, UUID runId, int afterSeq, int upToSeq, int limit) {
      throw new AssertionError("not used");
    }
  }

  /** Counts bytes and lines, keeping none of them. */
  private static final class CountingStream extends OutputStream {
    final MadeUpStore store;
    long count;
    int lines;
    int lastSeqSeen;

    CountingStream(MadeUpStore store) {
      this.store = store;
    }

    @Override
    public void write(int b) {
      count++;
      if (b == '\n') {
        lines++;
        store.written++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      String text = new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
      int at = text.indexOf("\"seq\":");
      if (at >= 0) {
        int seq = Integer.parseInt(text.substring(at + 6, text.indexOf(',', at)));
        assertThat(seq).as("entries in seq order").isEqualTo(lastSeqSeen + 1);
        lastSeqSeen = seq;
      }
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }
  }

  @Test
  void a10000StepHistoryIsWrittenBatchByBatch() throws IOException {
    MadeUpStore store = new MadeUpStore();
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    AuditStreams streams = new AuditStreams(new HistoryReader(store), mapper);
    CountingStream out = new CountingStream(store);

    streams.history("t", RUN, 0).write(out);

    assertThat(out.lines).isEqualTo(STEPS);
    assertThat(out.lastSeqSeen).isEqualTo(STEPS);
    assertThat(store.limits).allMatch(limit -> limit <= HistoryReader.BATCH);
    assertThat(store.limits).hasSize(STEPS / HistoryReader.BATCH);
    // One batch at most between being read and being written.
    assertThat(store.mostInFlight).isLessThanOrEqualTo(HistoryReader.BATCH);
    // Every row read so far was written to the response before the next batch was read.
    List<Integer> asked = store.linesWrittenWhenAsked;
    for (int i = 0; i < asked.size(); i++) {
      assertThat(asked.get(i)).isEqualTo(i * HistoryReader.BATCH);
    }
  }

  @Test
  void anExportAfterASeqStartsThere() throws IOException {
    MadeUpStore store = new MadeUpStore();
    AuditStreams streams =
        new AuditStreams(
            new HistoryReader(store),
            new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    CountingStream out = new CountingStream(store);
    out.lastSeqSeen = 9_500;
    streams.history("t", RUN, 9_500).write(out);
    assertThat(out.lines).isEqualTo(500);
    assertThat(out.lastSeqSeen).isEqualTo(STEPS);
  }
}
