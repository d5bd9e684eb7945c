package dev.cairn.runtime.api.ops;

import dev.cairn.runtime.control.BulkFilter;
import dev.cairn.runtime.control.BulkService;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Pause, resume or cancel many runs at once. Dry run by default: the answer counts the matching
 * runs and shows a sample; with {@code "dryRun": false} each selected run gets the command (runs
 * whose status refuses it are reported as skipped).
 */
@Path("/v1/runs/bulk")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Operator control of runs")
public class BulkResource {
  private static final int DEFAULT_LIMIT = 100;

  private final BulkService bulk;
  private final CurrentCaller caller;
  private final Clock clock;

  /**
   * Creates the resource.
   *
   * @param bulk bulk commands
   * @param caller the caller
   * @param clock clock
   */
  public BulkResource(BulkService bulk, CurrentCaller caller, Clock clock) {
    this.bulk = bulk;
    this.caller = caller;
    this.clock = clock;
  }

  /**
   * Pauses the selected runs.
   *
   * @param request the filter
   * @return what was done, or would be
   */
  @POST
  @Path("/pause")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Pause many runs", description = "Dry run unless dryRun is false.")
  public BulkResponse pause(@NotNull @Valid BulkRequest request) {
    return run(CommandKind.PAUSE, request);
  }

  /**
   * Resumes the selected runs.
   *
   * @param request the filter
   * @return what was done, or would be
   */
  @POST
  @Path("/resume")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Resume many runs", description = "Dry run unless dryRun is false.")
  public BulkResponse resume(@NotNull @Valid BulkRequest request) {
    return run(CommandKind.RESUME, request);
  }

  /**
   * Cancels the selected runs.
   *
   * @param request the filter
   * @return what was done, or would be
   */
  @POST
  @Path("/cancel")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Cancel many runs", description = "Dry run unless dryRun is false.")
  public BulkResponse cancel(@NotNull @Valid BulkRequest request) {
    return run(CommandKind.CANCEL, request);
  }

  private BulkResponse run(CommandKind kind, BulkRequest request) {
    Caller operator = caller.get();
    Duration olderThan = OpsParams.duration("olderThan", request.olderThan());
    Instant createdBefore = OpsParams.instant("createdBefore", request.createdBefore());
    if (olderThan != null) {
      Instant cutoff = clock.instant().minus(olderThan);
      createdBefore =
          createdBefore == null || cutoff.isBefore(createdBefore) ? cutoff : createdBefore;
    }
    BulkFilter filter =
        new BulkFilter(
            request.agent() == null || request.agent().isEmpty() ? null : request.agent(),
            OpsParams.statuses("status", request.status()),
            createdBefore);
    boolean dryRun = request.dryRun() == null || request.dryRun();
    int limit = request.limit() == null ? Math.min(DEFAULT_LIMIT, bulk.maxRuns()) : request.limit();
    return OpsDtos.bulk(
        kind, bulk.run(operator.tenantId(), kind, filter, dryRun, limit, operator.actor()));
  }
}
