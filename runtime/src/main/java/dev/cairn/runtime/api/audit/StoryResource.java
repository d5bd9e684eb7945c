package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's whole story for auditors: in one response, or as a download. */
@Path("/v1/runs/{id}/story")
@Tag(name = "Audit", description = "Verification, history, replay, forks and the audit log")
public class StoryResource {
  private final AuditStreams streams;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param streams the audit reads
   * @param caller the caller
   */
  public StoryResource(AuditStreams streams, CurrentCaller caller) {
    this.streams = streams;
    this.caller = caller;
  }

  /**
   * A run's story in one JSON document.
   *
   * @param id run id
   * @return the story, written as it is read
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "A run's whole story",
      description =
          "The definition version (its spec), the input, every step (summarized), every operator"
              + " command, every approval, usage and cost totals, and the outcome, in one"
              + " document written as it is read.")
  @APIResponse(
      responseCode = "200",
      description = "The story",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunStory.class)))
  public Response story(@PathParam("id") String id) {
    UUID runId = AuditIds.runId(id);
    return Response.ok(streams.story(caller.get().tenantId(), runId), MediaType.APPLICATION_JSON)
        .build();
  }

  /**
   * A run's story as a download.
   *
   * @param id run id
   * @return newline-delimited JSON
   */
  @GET
  @Path("/export")
  @Produces({AuditStreams.NDJSON, MediaType.APPLICATION_JSON})
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Download a run's story",
      description =
          "Newline-delimited JSON: a 'run' line (definition version, input, outcome, totals), a"
              + " 'step' line per checkpoint with its payloads and hashes, an 'intervention' line"
              + " per operator command, an 'approval' line per approval, and an 'end' line with"
              + " the counts (missing if the download was cut short).")
  @APIResponse(
      responseCode = "200",
      description = "One record per line",
      content = @Content(mediaType = AuditStreams.NDJSON))
  public Response export(@PathParam("id") String id) {
    UUID runId = AuditIds.runId(id);
    return Response.ok(streams.storyExport(caller.get().tenantId(), runId), AuditStreams.NDJSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, AuditStreams.attachment(runId, "story"))
        .build();
  }
}
