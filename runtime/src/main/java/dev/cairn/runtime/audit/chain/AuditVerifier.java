package dev.cairn.runtime.audit.chain;

import dev.cairn.persistence.store.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Verifies a tenant's audit chain end to end: every record's link and hash, every signed digest's
 * signature and head, and the tail against the head and the last digest.
 */
@ApplicationScoped
public class AuditVerifier {
  private final AuditStore store;
  private final AuditSigner signer;
  private final Clock clock;

  /**
   * Creates the verifier.
   *
   * @param store the audit store
   * @param signer the signing key (its public half checks the digests)
   * @param clock the clock
   */
  public AuditVerifier(AuditStore store, AuditSigner signer, Clock clock) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * Verifies one tenant's chain, in its scope.
   *
   * @param tenant the tenant
   * @return what was found
   */
  public VerifyReport verify(String tenant) {
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    ChainCheck check =
        store.readChain(
            tenant,
            reader -> {
              ChainCheck c = new ChainCheck(tenant, signer.publicKey(), signer.keyId(), reader);
              c.run();
              return c;
            });
    return new VerifyReport(
        tenant,
        check.firstBreak() == null,
        check.events(),
        check.digestsChecked(),
        check.lastSeq(),
        check.lastHash(),
        check.firstBreak(),
        signer.keyId(),
        started,
        (System.nanoTime() - startNanos) / 1_000_000);
  }
}
