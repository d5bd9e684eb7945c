package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.agents.RunService;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Submits tasks and reads runs and their checkpoints. */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Runs", description = "Durable agent runs")
public class RunResource {
  private static final String STATUSES =
      "QUEUED|RUNNING|WAITING|PAUSED|COMPLETED|FAILED|CANCELLED|BUDGET_EXCEEDED|QUARANTINED|NEEDS_RECONCILIATION";
  private final RunService runs;
  private final RunReader reader;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param runs submission
   * @param reader reads
   * @param caller the caller
   */
  public RunResource(RunService runs, RunReader reader, CurrentCaller caller) {
    this.runs = runs;
    this.reader = reader;
    this.caller = caller;
  }

  /**
   * Submits a task.
   *
   * @param idempotencyKey optional client key
   * @param request the task
   * @return 202 with the run
   */
  @POST
  @RolesAllowed(Role.DEVELOPER_NAME)
  @Operation(
      summary = "Submit a task",
      description =
          "Stores the run durably and answers 202; workers advance it step by step. With an"
              + " Idempotency-Key, the same key and body return the same run, another body gives"
              + " 422, and a concurrent request with the key gives 409.")
  public Response submit(
      @Parameter(description = "Client key making the submission safe to retry")
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey,
      @NotNull @Valid RunRequest request) {
    Caller developer = caller.get();
    RunService.Submitted submitted =
        runs.submit(
            developer.tenantId(), Commands.submitRun(request, idempotencyKey), developer.actor());
    Response.ResponseBuilder response =
        Response.accepted(reader.get(developer.tenantId(), submitted.id()))
            .location(URI.create("/v1/runs/" + submitted.id()));
    if (submitted.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.build();
  }

  /**
   * One run.
   *
   * @param id run id
   * @return the run
   */
  @GET
  @Path("/{id}")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "Get a run", description = "Status, result or error, counters, timestamps.")
  public RunResponse get(@PathParam("id") String id) {
    return reader.get(caller.get().tenantId(), parseId(id));
  }

  /**
   * Lists runs, newest first.
   *
   * @param status status filter
   * @param agent agent filter
   * @param cursor cursor from the previous page
   * @param limit page size (1-200, default 50)
   * @return a page
   */
  @GET
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "List runs", description = "Newest first, filtered, with cursor pagination.")
  public Page<RunResponse> list(
      @QueryParam("status") @Pattern(regexp = STATUSES, message = "not a run status") String status,
      @QueryParam("agent") @Size(max = 63) String agent,
      @QueryParam("cursor") @Size(max = 200) String cursor,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
    return reader.page(caller.get().tenantId(), status, agent, cursor, limit);
  }

  /**
   * A run's checkpoints in seq order.
   *
   * @param id run id
   * @param after last seq seen
   * @param limit page size (1-500, default 100)
   * @return a page
   */
  @GET
  @Path("/{id}/checkpoints")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "List a run's checkpoints",
      description = "Ordered by seq; pass nextCursor as 'after' for the next page.")
  public Page<CheckpointResponse> checkpoints(
      @PathParam("id") String id,
      @QueryParam("after") @DefaultValue("0") @Min(0) int after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
    return reader.checkpoints(caller.get().tenantId(), parseId(id), after, limit);
  }

  private static UUID parseId(String id) {
    try {
      if (id.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid("id", "not a run id (UUID)");
    }
  }
}
