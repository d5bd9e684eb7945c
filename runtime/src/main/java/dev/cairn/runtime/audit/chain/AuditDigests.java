package dev.cairn.runtime.audit.chain;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.AuditDigestRow;
import dev.cairn.persistence.store.AuditStore;
import dev.cairn.persistence.store.ChainHead;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes one signed digest per tenant per period ({@code cairn.audit.digest-interval}), also for a
 * tenant whose chain did not move. Every replica checks; the first to sign a tenant's period wins
 * (the table's key), so there is exactly one digest per tenant and period.
 */
@ApplicationScoped
public class AuditDigests {
  private static final Logger LOG = Logger.getLogger(AuditDigests.class);
  private final AuditStore store;
  private final AuditSigner signer;
  private final AuditConfig config;
  private final Clock clock;

  /**
   * Creates the task.
   *
   * @param store the audit store
   * @param signer the signing key
   * @param config settings
   * @param clock the clock
   */
  public AuditDigests(AuditStore store, AuditSigner signer, AuditConfig config, Clock clock) {
    this.store = store;
    this.signer = signer;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(
      every = "${cairn.audit.digest-check:30s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (!config.digestsEnabled()) {
      return;
    }
    try {
      writeDue(clock.instant());
    } catch (PersistenceException e) {
      LOG.warnf("audit digests not written this time: %s", e.getMessage());
    }
  }

  /**
   * Signs and writes the digests of the period that contains {@code now} for every tenant that has
   * none yet.
   *
   * @param now the time
   * @return how many digests this call wrote
   */
  public int writeDue(Instant now) {
    Instant periodStart = periodStart(now);
    List<ChainHead> heads = store.headsToSign(periodStart);
    Instant signedAt = now.truncatedTo(ChronoUnit.MICROS);
    List<AuditDigestRow> rows = new ArrayList<>(heads.size());
    for (ChainHead head : heads) {
      SignedDigest unsigned =
          new SignedDigest(
              head.tenantId(),
              periodStart,
              head.seq(),
              head.hash(),
              signedAt,
              signer.keyId(),
              "Ed25519",
              null);
      String signature = signer.sign(unsigned.statementBytes());
      rows.add(
          new AuditDigestRow(
              head.tenantId(),
              periodStart,
              head.seq(),
              head.hash(),
              signedAt,
              signer.keyId(),
              "Ed25519",
              signature));
    }
    return store.insertDigests(rows);
  }

  /**
   * The start of the period that contains a time.
   *
   * @param now the time
   * @return the period's start
   */
  Instant periodStart(Instant now) {
    long interval = Math.max(1, config.digestInterval().toSeconds());
    long seconds = now.getEpochSecond();
    return Instant.ofEpochSecond(Math.floorDiv(seconds, interval) * interval);
  }
}
