package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.audit.chain.AuditFilter;
import dev.cairn.runtime.audit.chain.AuditLog;
import dev.cairn.runtime.audit.chain.AuditRecord;
import dev.cairn.runtime.audit.chain.AuditSigner;
import dev.cairn.runtime.audit.chain.AuditVerifier;
import dev.cairn.runtime.audit.chain.SignedDigest;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tamper-evident audit log of the caller's tenant, for auditors and admins. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The tamper-evident audit log")
public class AuditResource {
  private static final String NDJSON = "application/x-ndjson";
  private static final int EXPORT_PAGE = 500;

  private final AuditLog log;
  private final AuditVerifier verifier;
  private final AuditSigner signer;
  private final CurrentCaller caller;
  private final ObjectMapper json;

  /**
   * Creates the resource.
   *
   * @param log reads records and digests
   * @param verifier verifies chains
   * @param signer the signing key
   * @param caller the caller
   * @param json writes the export lines
   */
  public AuditResource(
      AuditLog log,
      AuditVerifier verifier,
      AuditSigner signer,
      CurrentCaller caller,
      ObjectMapper json) {
    this.log = log;
    this.verifier = verifier;
    this.signer = signer;
    this.caller = caller;
    this.json = json;
  }

  /**
   * A page of audit records in chain order.
   *
   * @param actor only this actor
   * @param action only this action
   * @param runId only records about this run
   * @param from at or after (ISO 8601)
   * @param to before (ISO 8601)
   * @param after records after this seq (the previous page's nextCursor)
   * @param limit page size (1-500, default 100)
   * @return a page
   */
  @GET
  @Path("/events")
  @RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary = "List audit records",
      description =
          "Every change of the tenant (API calls, operator commands, run state changes), in chain"
              + " order, filtered by actor, action, run and time; keyset paging by seq.")
  public Page<AuditEventResponse> events(
      @QueryParam("actor") @Size(max = 200) String actor,
      @QueryParam("action")
          @Size(max = 100)
          @Pattern(regexp = "[a-z_.]*", message = "lower-case letters, dots and underscores")
          String action,
      @QueryParam("runId") @Size(max = 36) String runId,
      @QueryParam("from") @Size(max = 40) String from,
      @QueryParam("to") @Size(max = 40) String to,
      @QueryParam("after") @DefaultValue("0") @Min(0) long after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
    AuditFilter filter = AuditFilters.of(actor, action, runId, from, to, after, limit);
    List<AuditRecord> records = log.records(caller.get().tenantId(), filter);
    String next = records.size() < limit ? null : Long.toString(records.getLast().seq());
    return new Page<>(records.stream().map(AuditEventResponse::of).toList(), next);
  }

  /**
   * Verifies the caller's tenant's chain.
   *
   * @return intact, or the first broken link and why
   */
  @GET
  @Path("/verify")
  @RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary = "Verify the audit chain",
      description =
          "Recomputes every record's hash and link, checks every signed digest, and answers intact"
              + " or the first broken link with its reason: content-changed, row-missing,"
              + " rows-reordered, tail-truncated, digest-mismatch, bad-signature.")
  public AuditVerifyResponse verify() {
    return AuditVerifyResponse.of(verifier.verify(caller.get().tenantId()));
  }

  /**
   * A page of signed digests.
   *
   * @param after digests of periods after this time (the previous page's nextCursor)
   * @param limit page size (1-500, default 100)
   * @return a page
   */
  @GET
  @Path("/digests")
  @RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary = "List signed digests",
      description =
          "One per period, also when nothing happened; keep copies outside the database to"
              + " detect a rewritten chain.")
  public Page<AuditDigestResponse> digests(
      @QueryParam("after") @Size(max = 40) String after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
    List<SignedDigest> digests =
        log.digests(caller.get().tenantId(), instant("after", after), limit);
    String next = digests.size() < limit ? null : digests.getLast().periodStart().toString();
    return new Page<>(digests.stream().map(AuditDigestResponse::of).toList(), next);
  }

  /**
   * Every signed digest of the tenant, one JSON object per line.
   *
   * @return the download
   */
  @GET
  @Path("/digests/export")
  @Produces(NDJSON)
  @RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary = "Export signed digests",
      description = "All of the tenant's digests as NDJSON, oldest first, for safekeeping.")
  public StreamingOutput exportDigests() {
    String tenant = caller.get().tenantId();
    return out -> {
      Instant after = null;
      while (true) {
        List<SignedDigest> page = log.digests(tenant, after, EXPORT_PAGE);
        for (SignedDigest d : page) {
          line(out, AuditDigestResponse.of(d));
        }
        if (page.size() < EXPORT_PAGE) {
          return;
        }
        after = page.getLast().periodStart();
      }
    };
  }

  /**
   * The public half of the digest signing key.
   *
   * @return the keys digests are signed with
   */
  @GET
  @Path("/keys")
  @RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary = "Digest signing keys",
      description = "Verify exported digests with this key, obtained once and kept apart.")
  public List<AuditKeyResponse> keys() {
    return List.of(new AuditKeyResponse(signer.keyId(), "Ed25519", signer.publicKeyPem()));
  }

  private void line(OutputStream out, Object value) throws java.io.IOException {
    out.write(json.writeValueAsBytes(value));
    out.write("\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static Instant instant(String name, String value) {
    return AuditFilters.instant(name, value);
  }
}
