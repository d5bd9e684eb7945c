package dev.cairn.runtime.audit.chain;

import dev.cairn.persistence.store.AuditDigestRow;
import dev.cairn.persistence.store.AuditEventRow;
import dev.cairn.persistence.store.AuditQuery;
import dev.cairn.persistence.store.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Reads a tenant's audit records and signed digests, in its scope. */
@ApplicationScoped
public class AuditLog {
  private final AuditStore store;

  /**
   * Creates the service.
   *
   * @param store the audit store
   */
  public AuditLog(AuditStore store) {
    this.store = store;
  }

  /**
   * A page of records in seq order.
   *
   * @param tenant the tenant
   * @param filter the filters
   * @return the records
   */
  public List<AuditRecord> records(String tenant, AuditFilter filter) {
    return store.events(query(tenant, filter)).stream().map(row -> record(tenant, row)).toList();
  }

  /**
   * A page of records newest first (keyset below a seq), for reading the log backwards.
   *
   * @param tenant the tenant
   * @param filter the filters ({@code afterSeq} still bounds the page from below)
   * @param beforeSeq only records below this seq ({@link Long#MAX_VALUE} for the newest page)
   * @return the records in descending seq order
   */
  public List<AuditRecord> recordsNewestFirst(String tenant, AuditFilter filter, long beforeSeq) {
    return store.eventsNewestFirst(query(tenant, filter), beforeSeq).stream()
        .map(row -> record(tenant, row))
        .toList();
  }

  private static AuditQuery query(String tenant, AuditFilter filter) {
    return new AuditQuery(
        tenant,
        filter.actor(),
        filter.action(),
        filter.runId() == null ? null : filter.runId().toString(),
        filter.from(),
        filter.to(),
        filter.afterSeq(),
        filter.limit());
  }

  /**
   * A page of signed digests in period order.
   *
   * @param tenant the tenant
   * @param after only later periods (null for the first page)
   * @param limit page size
   * @return the digests
   */
  public List<SignedDigest> digests(String tenant, Instant after, int limit) {
    return store.digests(tenant, after, limit).stream().map(AuditLog::digest).toList();
  }

  private static AuditRecord record(String tenant, AuditEventRow r) {
    return new AuditRecord(
        tenant,
        r.seq(),
        r.at(),
        r.actor(),
        r.action(),
        r.targetType(),
        r.targetId(),
        r.detailsJson(),
        r.alg(),
        r.prevHash(),
        r.hash());
  }

  private static SignedDigest digest(AuditDigestRow d) {
    return new SignedDigest(
        d.tenantId(),
        d.periodStart(),
        d.coversSeq(),
        d.headHash(),
        d.signedAt(),
        d.keyId(),
        d.algorithm(),
        d.signature());
  }
}
