package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.audit.replay.ReplayReport;
import dev.cairn.runtime.audit.replay.ReplayService;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Recorded replay of one run: re-runs the engine's decisions over the run's recorded model answers,
 * tool results and operator commands, making no model or tool call, and reports whether every
 * checkpoint matches or where the first one differs.
 */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "What runs did, and whether the engine would do it again")
public class ReplayRunResource {
  private final ReplayService replays;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param replays replay
   * @param caller the caller
   */
  public ReplayRunResource(ReplayService replays, CurrentCaller caller) {
    this.replays = replays;
    this.caller = caller;
  }

  /**
   * Replays one run.
   *
   * @param id run id
   * @param agentVersion the definition version to replay with, or none for the run's own
   * @return the report
   */
  @GET
  @Path("/{id}/replay")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Replay a run's recorded history",
      description =
          "Re-runs this build's decisions over the recorded model answers, tool results and"
              + " commands (no model or tool call) and reports MATCH, or the first divergent seq"
              + " and what differs.")
  public ReplayReport replay(
      @PathParam("id") String id,
      @Parameter(description = "Definition version of the run's agent to replay with")
          @QueryParam("agentVersion")
          @Min(1)
          @Max(1_000_000)
          Integer agentVersion) {
    return replays.replay(caller.get().tenantId(), ReplayIds.parse("id", id), agentVersion);
  }
}
