package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.audit.checkpoints.CheckpointVerifier;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies a run's checkpoint chain. */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Verification, history, replay, forks and the audit log")
public class VerifyResource {
  private final CheckpointVerifier verifier;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param verifier the verifier
   * @param caller the caller
   */
  public VerifyResource(CheckpointVerifier verifier, CurrentCaller caller) {
    this.verifier = verifier;
    this.caller = caller;
  }

  /**
   * Verifies a run's checkpoints.
   *
   * @param id run id
   * @return the verdict
   */
  @GET
  @Path("/{id}/verify")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Verify a run's checkpoint chain",
      description =
          "Recomputes every checkpoint's hash from its stored columns and checks the chain: intact,"
              + " or the first broken seq and why (content-changed, row-missing, rows-reordered,"
              + " tail-truncated). Checkpoints written before verifiable hashes make the verdict"
              + " 'unverifiable', never 'intact'.")
  public VerificationResponse verify(@PathParam("id") String id) {
    UUID runId = AuditIds.runId(id);
    return verifier
        .verify(caller.get().tenantId(), runId)
        .map(VerificationResponse::of)
        .orElseThrow(() -> CairnException.notFound("run " + runId + " does not exist"));
  }
}
