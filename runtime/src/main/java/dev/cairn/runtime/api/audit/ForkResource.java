package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.api.dev.Commands;
import dev.cairn.runtime.audit.fork.ForkRequest;
import dev.cairn.runtime.audit.fork.ForkService;
import dev.cairn.runtime.audit.fork.Forked;
import dev.cairn.runtime.audit.fork.SideBySide;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Forks a run and compares two runs side by side. */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Verification, history, replay, forks and the audit log")
public class ForkResource {
  private final ForkService forks;
  private final SideBySide sideBySide;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param forks forks
   * @param sideBySide comparisons
   * @param caller the caller
   */
  public ForkResource(ForkService forks, SideBySide sideBySide, CurrentCaller caller) {
    this.forks = forks;
    this.sideBySide = sideBySide;
    this.caller = caller;
  }

  /**
   * Forks a run.
   *
   * @param id the original
   * @param body what to fork and change
   * @return 201 with the fork
   */
  @POST
  @Path("/{id}/fork")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME})
  @Operation(
      summary = "Fork a run",
      description =
          "A new run that copies the run's history up to atSeq (verified, re-chained under the"
              + " fork's id) and continues live from there, optionally on another agent version,"
              + " another model, or with an edited message. The original is not touched.")
  public Response fork(@PathParam("id") String id, @NotNull @Valid ForkRequestBody body) {
    Caller who = caller.get();
    ForkRequest request =
        new ForkRequest(
            body.atSeq(),
            body.agentVersion(),
            Commands.model(body.model()),
            body.editedMessage() == null
                ? null
                : new ForkRequest.EditedMessage(
                    body.editedMessage().index(), body.editedMessage().content()));
    Forked fork = forks.fork(who.tenantId(), AuditIds.runId(id), request, who.actor());
    return Response.created(URI.create("/v1/runs/" + fork.id()))
        .entity(ForkResponse.of(fork))
        .build();
  }

  /**
   * Two runs side by side.
   *
   * @param id the first run
   * @param with the second run
   * @param from the first seq, or the fork point when one is a fork of the other
   * @param limit seqs per page (1-200, default 50)
   * @return a page
   */
  @GET
  @Path("/{id}/compare")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Compare two runs step by step",
      description =
          "Seq by seq, from the fork point when one run is a fork of the other (else seq 1), each"
              + " side's decision, outcome, usage and hash, and whether both did the same.")
  public CompareResponse compare(
      @PathParam("id") String id,
      @QueryParam("with") @NotNull @Size(max = 36) String with,
      @QueryParam("from") @Min(1) @Max(Integer.MAX_VALUE) Integer from,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(SideBySide.MAX_LIMIT) int limit) {
    UUID left = AuditIds.runId(id);
    UUID right = AuditIds.runId("with", with);
    return CompareResponse.of(
        sideBySide.compare(caller.get().tenantId(), left, right, from, limit));
  }
}
