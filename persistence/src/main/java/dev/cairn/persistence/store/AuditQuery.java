package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * Filters of an audit event page; null filters match everything.
 *
 * @param tenantId the tenant
 * @param actor only this actor
 * @param action only this action
 * @param targetId only this target (a run id for runs)
 * @param from at or after
 * @param to before
 * @param afterSeq only records after this seq
 * @param limit page size
 */
public record AuditQuery(
    String tenantId,
    String actor,
    String action,
    String targetId,
    Instant from,
    Instant to,
    long afterSeq,
    int limit) {}
