package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.audit.chain.ChainBreak;
import dev.cairn.runtime.audit.chain.VerifyReport;

/**
 * What verifying the caller's tenant's chain found.
 *
 * @param tenant the tenant
 * @param intact true when every record and digest checked out
 * @param eventsChecked records checked
 * @param digestsChecked signed digests checked
 * @param lastSeq the last record checked
 * @param lastHash its hash
 * @param firstBreak the first broken link, or null
 * @param keyId the key the digests were checked with
 * @param checkedAt when the check started
 * @param elapsedMillis how long it took
 */
public record AuditVerifyResponse(
    String tenant,
    boolean intact,
    long eventsChecked,
    long digestsChecked,
    long lastSeq,
    String lastHash,
    Break firstBreak,
    String keyId,
    String checkedAt,
    long elapsedMillis) {

  /**
   * A broken link.
   *
   * @param seq where
   * @param reason content-changed, row-missing, rows-reordered, tail-truncated, digest-mismatch or
   *     bad-signature
   * @param detail what was found
   */
  public record Break(long seq, String reason, String detail) {}

  /**
   * The response for a report.
   *
   * @param r the report
   * @return the response
   */
  public static AuditVerifyResponse of(VerifyReport r) {
    ChainBreak b = r.firstBreak();
    return new AuditVerifyResponse(
        r.tenant(),
        r.intact(),
        r.eventsChecked(),
        r.digestsChecked(),
        r.lastSeq(),
        r.lastHash(),
        b == null ? null : new Break(b.seq(), b.reason().code(), b.detail()),
        r.keyId(),
        r.checkedAt().toString(),
        r.elapsedMillis());
  }
}
