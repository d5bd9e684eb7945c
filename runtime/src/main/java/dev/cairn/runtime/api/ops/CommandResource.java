package dev.cairn.runtime.api.ops;

import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.control.Command;
import dev.cairn.runtime.control.CommandRequest;
import dev.cairn.runtime.control.CommandService;
import dev.cairn.runtime.control.Money;
import dev.cairn.runtime.engine.CommandKind;
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

/**
 * Commands to one run. Each is validated against the run's status as its pending commands will
 * leave it, recorded, and applied by the engine at the run's next step boundary; the answer is 202
 * with the command (state {@code PENDING}).
 */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Operator control of runs")
public class CommandResource {
  /** The Idempotency-Key header's description. */
  static final String KEY =
      "Client key making the command safe to retry: the same key and body return the same command";

  private final CommandService commands;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param commands command acceptance and reads
   * @param caller the caller
   */
  public CommandResource(CommandService commands, CurrentCaller caller) {
    this.commands = commands;
    this.caller = caller;
  }

  /**
   * Pauses a run.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/pause")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Pause a run",
      description = "The run stops at its next step boundary, holding no worker, until resumed.")
  public Response pause(
      @PathParam("id") String id,
      @Parameter(description = KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey) {
    return plain(id, CommandKind.PAUSE, idempotencyKey);
  }

  /**
   * Resumes a paused run.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/resume")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Resume a paused run")
  public Response resume(
      @PathParam("id") String id,
      @Parameter(description = KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey) {
    return plain(id, CommandKind.RESUME, idempotencyKey);
  }

  /**
   * Cancels a run.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/cancel")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Cancel a run",
      description = "Stops the run for good; an in-flight model call is abandoned.")
  public Response cancel(
      @PathParam("id") String id,
      @Parameter(description = KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey) {
    return plain(id, CommandKind.CANCEL, idempotencyKey);
  }

  /**
   * Retries a failed or quarantined run.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/retry")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Retry a failed or quarantined run",
      description = "The run continues from its last checkpoint.")
  public Response retry(
      @PathParam("id") String id,
      @Parameter(description = KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey) {
    return plain(id, CommandKind.RETRY, idempotencyKey);
  }

  /**
   * Steers a run.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @param request the guidance
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/steer")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Steer a run",
      description = "The agent receives the text before its next model call.")
  public Response steer(
      @PathParam("id") String id,
      @Parameter(description = KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey,
      @NotNull @Valid SteerRequest request) {
    return accept(id, new CommandRequest.Steer(request.text()), idempotencyKey);
  }

  /**
   * Reconciles a run whose interrupted call may or may not have happened.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @param request the finding
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/reconcile")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Reconcile a run",
      description =
          "For a run in NEEDS_RECONCILIATION: states whether the interrupted call happened.")
  public Response reconcile(
      @PathParam("id") String id,
      @Parameter(description = KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey,
      @NotNull @Valid ReconcileRequest request) {
    return accept(
        id, new CommandRequest.Reconcile(request.happened(), request.note()), idempotencyKey);
  }

  /**
   * Raises a run's limits.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @param request the new limits
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/budget")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Raise a run's budget",
      description = "Each limit given must be at least the run's current one.")
  public Response budget(
      @PathParam("id") String id,
      @Parameter(description = KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey,
      @NotNull @Valid BudgetRequest request) {
    CommandRequest.RaiseBudget raise =
        new CommandRequest.RaiseBudget(
            request.maxSteps(),
            request.maxModelCalls(),
            request.maxTokens(),
            request.maxCostUsd() == null ? null : Money.micros(request.maxCostUsd()),
            request.maxDurationSeconds());
    return accept(id, raise, idempotencyKey);
  }

  /**
   * A run's commands, newest first.
   *
   * @param id run id
   * @param cursor cursor from the previous page
   * @param limit page size (1-200, default 50)
   * @return a page
   */
  @GET
  @Path("/{id}/commands")
  @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "List a run's commands", description = "Newest first, cursor pagination.")
  public Page<CommandResponse> commands(
      @PathParam("id") String id,
      @QueryParam("cursor") @Size(max = 200) String cursor,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
    CommandService.CommandPage page =
        commands.commands(caller.get().tenantId(), OpsParams.id("id", id), cursor, limit);
    return new Page<>(page.items().stream().map(OpsDtos::command).toList(), page.nextCursor());
  }

  /**
   * One command.
   *
   * @param id run id
   * @param commandId command id
   * @return the command
   */
  @GET
  @Path("/{id}/commands/{commandId}")
  @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "Get a command", description = "Its state, and the engine's outcome.")
  public CommandResponse command(
      @PathParam("id") String id, @PathParam("commandId") String commandId) {
    return OpsDtos.command(
        commands.command(
            caller.get().tenantId(), OpsParams.id("id", id), OpsParams.id("commandId", commandId)));
  }

  private Response plain(String id, CommandKind kind, String idempotencyKey) {
    return accept(id, new CommandRequest.Plain(kind), idempotencyKey);
  }

  private Response accept(String id, CommandRequest request, String idempotencyKey) {
    return Accepting.respond(
        commands, caller.get(), OpsParams.id("id", id), request, idempotencyKey);
  }

  /** Builds the 202 answer of an accepted command. */
  static final class Accepting {
    private Accepting() {}

    static Response respond(
        CommandService commands,
        Caller operator,
        UUID runId,
        CommandRequest request,
        String idempotencyKey) {
      CommandService.Accepted accepted =
          commands.accept(operator.tenantId(), runId, request, idempotencyKey, operator.actor());
      Command row = accepted.command();
      Response.ResponseBuilder response =
          Response.accepted(OpsDtos.command(row))
              .location(URI.create("/v1/runs/" + row.runId() + "/commands/" + row.id()));
      if (accepted.replayed()) {
        response.header("Idempotent-Replayed", "true");
      }
      return response.build();
    }
  }
}
