package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.audit.replay.HistoryDiff;
import dev.cairn.runtime.audit.replay.ReplayService;
import dev.cairn.runtime.audit.replay.RunStateView;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's state at any seq, folded from its history, and what changed between two seqs. */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "What runs did, and whether the engine would do it again")
public class StateResource {
  private final ReplayService replays;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param replays replay
   * @param caller the caller
   */
  public StateResource(ReplayService replays, CurrentCaller caller) {
    this.replays = replays;
    this.caller = caller;
  }

  /**
   * The run's state after a seq.
   *
   * @param id run id
   * @param seq the seq (0: as submitted)
   * @return the state
   */
  @GET
  @Path("/{id}/state")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "A run's state at a seq",
      description =
          "Folded from the run's history and checked against the stored state at every step; a"
              + " history that does not fold to the seq is a 409.")
  public RunStateView state(
      @PathParam("id") String id,
      @QueryParam("seq") @NotNull @Min(0) @Max(Integer.MAX_VALUE - 1) Integer seq) {
    return replays.state(caller.get().tenantId(), ReplayIds.parse("id", id), seq);
  }

  /**
   * What changed between two seqs.
   *
   * @param id run id
   * @param from the earlier seq
   * @param to the later seq
   * @return the changes, steps and messages in between
   */
  @GET
  @Path("/{id}/diff")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "What changed in a run between two seqs",
      description =
          "State fields that differ, and the steps and messages in between (at most 200).")
  public HistoryDiff diff(
      @PathParam("id") String id,
      @QueryParam("from") @NotNull @Min(0) @Max(Integer.MAX_VALUE - 1) Integer from,
      @QueryParam("to") @NotNull @Min(1) @Max(Integer.MAX_VALUE - 1) Integer to) {
    return replays.diff(caller.get().tenantId(), ReplayIds.parse("id", id), from, to);
  }
}
