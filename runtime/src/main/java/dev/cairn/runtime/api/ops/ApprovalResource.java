package dev.cairn.runtime.api.ops;

import dev.cairn.runtime.control.CommandRequest;
import dev.cairn.runtime.control.CommandService;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tool calls waiting for an operator. Approving binds to the exact arguments the operator saw (by
 * their hash); rejecting tells the model why. Both are commands the engine applies.
 */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Operator control of runs")
public class ApprovalResource {
  private final CommandService commands;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param commands command acceptance and reads
   * @param caller the caller
   */
  public ApprovalResource(CommandService commands, CurrentCaller caller) {
    this.commands = commands;
    this.caller = caller;
  }

  /**
   * A run's approval records.
   *
   * @param id run id
   * @return the records, oldest first
   */
  @GET
  @Path("/{id}/approvals")
  @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "List a run's approvals",
      description = "Tool calls that need (or had) a decision, oldest first, at most 500.")
  public List<ApprovalResponse> approvals(@PathParam("id") String id) {
    return commands.approvals(caller.get().tenantId(), OpsParams.id("id", id)).stream()
        .map(OpsDtos::approval)
        .toList();
  }

  /**
   * Approves a pending tool call.
   *
   * @param id run id
   * @param approvalId approval id
   * @param idempotencyKey optional client key
   * @param request the hash of the arguments approved
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/approvals/{approvalId}/approve")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Approve a tool call",
      description =
          "Allows the call once, with exactly the arguments whose hash is given; 409 if they"
              + " changed.")
  public Response approve(
      @PathParam("id") String id,
      @PathParam("approvalId") String approvalId,
      @Parameter(description = CommandResource.KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey,
      @NotNull @Valid ApproveRequest request) {
    return CommandResource.Accepting.respond(
        commands,
        caller.get(),
        OpsParams.id("id", id),
        new CommandRequest.Approve(OpsParams.id("approvalId", approvalId), request.argumentsHash()),
        idempotencyKey);
  }

  /**
   * Rejects a pending tool call.
   *
   * @param id run id
   * @param approvalId approval id
   * @param idempotencyKey optional client key
   * @param request why
   * @return 202 with the command
   */
  @POST
  @Path("/{id}/approvals/{approvalId}/reject")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Reject a tool call", description = "The model is told the reason.")
  public Response reject(
      @PathParam("id") String id,
      @PathParam("approvalId") String approvalId,
      @Parameter(description = CommandResource.KEY)
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey,
      @NotNull @Valid RejectRequest request) {
    return CommandResource.Accepting.respond(
        commands,
        caller.get(),
        OpsParams.id("id", id),
        new CommandRequest.Reject(OpsParams.id("approvalId", approvalId), request.reason()),
        idempotencyKey);
  }
}
