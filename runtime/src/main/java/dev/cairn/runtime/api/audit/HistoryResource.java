package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's checkpoint history for auditors: paged, or streamed whole. */
@Path("/v1/runs/{id}/history")
@Tag(name = "Audit", description = "Verification, history, replay, forks and the audit log")
public class HistoryResource {
  private final AuditStreams streams;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param streams the audit reads
   * @param caller the caller
   */
  public HistoryResource(AuditStreams streams, CurrentCaller caller) {
    this.streams = streams;
    this.caller = caller;
  }

  /**
   * A page of a run's history.
   *
   * @param id run id
   * @param after last seq seen
   * @param limit page size (1-500, default 100)
   * @return the page
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Page through a run's history",
      description =
          "Checkpoints in seq order, each with its decision and outcome (or the pruned marker"
              + " with their digests), actor, lease, usage, cost, state after, and hashes. Pass"
              + " nextCursor as 'after' for the next page.")
  public HistoryPage page(
      @PathParam("id") String id,
      @QueryParam("after") @DefaultValue("0") @Min(0) int after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
    return streams.page(caller.get().tenantId(), AuditIds.runId(id), after, limit);
  }

  /**
   * A run's whole history, streamed.
   *
   * @param id run id
   * @param after last seq not wanted (default 0: from the first step)
   * @return newline-delimited JSON, one entry per line
   */
  @GET
  @Path("/export")
  @Produces({AuditStreams.NDJSON, MediaType.APPLICATION_JSON})
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Download a run's history",
      description =
          "Every checkpoint after 'after' up to the run's step count when the request began, one"
              + " history entry per line (newline-delimited JSON), written as it is read.")
  @APIResponse(
      responseCode = "200",
      description = "One history entry per line",
      content =
          @Content(
              mediaType = AuditStreams.NDJSON,
              schema = @Schema(implementation = HistoryEntry.class)))
  public Response export(
      @PathParam("id") String id, @QueryParam("after") @DefaultValue("0") @Min(0) int after) {
    UUID runId = AuditIds.runId(id);
    return Response.ok(streams.history(caller.get().tenantId(), runId, after), AuditStreams.NDJSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, AuditStreams.attachment(runId, "history"))
        .build();
  }
}
