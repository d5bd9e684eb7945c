package dev.cairn.runtime.audit.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Audit log settings ({@code cairn.audit.*}); docs/audit-log.md lists them. */
@ConfigMapping(prefix = "cairn.audit")
public interface AuditConfig {
  /**
   * The Ed25519 signing key, a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). Unset: a key
   * is generated on first start in {@code <cairn.home>/audit-signing-key.pem}. Every replica must
   * use the same key.
   *
   * @return the key file
   */
  Optional<String> signingKeyFile();

  /**
   * How long a digest period lasts: every tenant gets one signed digest per period.
   *
   * @return the period (at least one second)
   */
  @WithDefault("15m")
  Duration digestInterval();

  /**
   * How often a replica checks whether the current period still lacks digests.
   *
   * @return the check interval
   */
  @WithDefault("30s")
  Duration digestCheck();

  /**
   * Whether this replica writes digests (any replica may; one per tenant and period is kept).
   *
   * @return true by default
   */
  @WithDefault("true")
  boolean digestsEnabled();

  /**
   * When a record is chained. {@code commit}: in the change's transaction, at commit (a tenant's
   * committing transactions that record something take its chain head one after the other). {@code
   * async}: the record is written in the change's transaction, and chained by {@link AuditChainer}
   * within {@link #chainInterval()} after commit, so commits never wait for each other. Applied to
   * this replica's database sessions through {@code quarkus.datasource.jdbc.new-connection-sql}.
   *
   * @return the mode
   */
  @WithDefault("commit")
  ChainMode chain();

  /**
   * How often the asynchronous mode chains committed records.
   *
   * @return the interval
   */
  @WithDefault("200ms")
  Duration chainInterval();

  /** When records are chained. */
  enum ChainMode {
    /** In the change's transaction, at commit. */
    COMMIT,
    /** Shortly after commit, by {@link AuditChainer}. */
    ASYNC
  }
}
