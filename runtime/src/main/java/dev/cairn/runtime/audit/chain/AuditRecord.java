package dev.cairn.runtime.audit.chain;

import java.time.Instant;

/**
 * One audit record, with what is needed to recompute its hash.
 *
 * @param tenant the tenant
 * @param seq position in the tenant's chain
 * @param at when the change happened
 * @param actor who acted
 * @param action what was done
 * @param targetType the kind of thing changed
 * @param targetId its id
 * @param details the details as stored (jsonb text, part of the hash)
 * @param alg hash algorithm version
 * @param prevHash the previous record's hash
 * @param hash this record's hash
 */
public record AuditRecord(
    String tenant,
    long seq,
    Instant at,
    String actor,
    String action,
    String targetType,
    String targetId,
    String details,
    int alg,
    String prevHash,
    String hash) {}
