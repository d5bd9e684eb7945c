package dev.cairn.runtime.audit.chain;

import java.time.Instant;

/**
 * What verifying a tenant's chain found.
 *
 * @param tenant the tenant
 * @param intact true when every record and digest checked out
 * @param eventsChecked records read (up to the break)
 * @param digestsChecked signed digests checked (up to the break)
 * @param lastSeq the last record's seq read
 * @param lastHash the last record's hash read
 * @param firstBreak the first broken link, or null when intact
 * @param keyId the key digests were checked with
 * @param checkedAt when the check started
 * @param elapsedMillis how long it took
 */
public record VerifyReport(
    String tenant,
    boolean intact,
    long eventsChecked,
    long digestsChecked,
    long lastSeq,
    String lastHash,
    ChainBreak firstBreak,
    String keyId,
    Instant checkedAt,
    long elapsedMillis) {}
