package dev.cairn.runtime.audit.chain;

import java.time.Instant;
import java.util.UUID;

/**
 * What an auditor asks for; null fields match everything.
 *
 * @param actor only this actor
 * @param action only this action
 * @param runId only records about this run
 * @param from at or after
 * @param to before
 * @param afterSeq records after this seq (0 for the first page)
 * @param limit page size
 */
public record AuditFilter(
    String actor, String action, UUID runId, Instant from, Instant to, long afterSeq, int limit) {}
