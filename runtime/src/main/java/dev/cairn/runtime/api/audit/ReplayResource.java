package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.audit.replay.ReplayReport;
import dev.cairn.runtime.audit.replay.ReplayService;
import dev.cairn.runtime.audit.replay.ShadowReport;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Recorded replay: re-runs the engine's decisions over a run's recorded model answers, tool results
 * and operator commands, making no model or tool call, and reports whether every checkpoint matches
 * or where the first one differs. A shadow replay does this over a set of runs, against their own
 * definition version or another one.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "What runs did, and whether the engine would do it again")
public class ReplayResource {
  private final ReplayService replays;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param replays replay
   * @param caller the caller
   */
  public ReplayResource(ReplayService replays, CurrentCaller caller) {
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
  @Path("/runs/{id}/replay")
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

  /**
   * Replays a set of runs.
   *
   * @param runIds runs to replay
   * @param agent or: the agent whose latest runs to replay
   * @param fromVersion with an agent: only its runs of this version
   * @param limit with an agent: most runs
   * @param agentVersion the version to replay against, or none for each run's own
   * @return per-run reports and a summary
   */
  @GET
  @Path("/replays")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Shadow replay over a set of runs",
      description =
          "Replays up to 100 runs (given by runId, or an agent's latest) against a definition"
              + " version, answering per run MATCH or the first divergence, and a summary: will"
              + " these recorded runs still resume the same way?")
  public ShadowReport shadow(
      @Parameter(description = "Run ids (repeat the parameter)")
          @QueryParam("runId")
          @Size(max = 100)
          List<@Size(max = 36) String> runIds,
      @QueryParam("agent") @Size(max = 63) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String agent,
      @QueryParam("fromVersion") @Min(1) @Max(1_000_000) Integer fromVersion,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("agentVersion") @Min(1) @Max(1_000_000) Integer agentVersion) {
    List<java.util.UUID> ids =
        runIds == null ? List.of() : runIds.stream().map(r -> ReplayIds.parse("runId", r)).toList();
    return replays.shadow(caller.get().tenantId(), ids, agent, fromVersion, limit, agentVersion);
  }
}
