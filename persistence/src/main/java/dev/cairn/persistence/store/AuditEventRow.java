package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * One audit record as stored.
 *
 * @param seq position in the tenant's chain, from 1
 * @param at when the change happened (microseconds)
 * @param actor who acted
 * @param action what was done ({@code run.status}, {@code command.pause} ...)
 * @param targetType the kind of thing changed
 * @param targetId its id
 * @param detailsJson the details, as the database renders the jsonb
 * @param alg hash algorithm version
 * @param prevHash the previous record's hash
 * @param hash this record's hash
 */
public record AuditEventRow(
    long seq,
    Instant at,
    String actor,
    String action,
    String targetType,
    String targetId,
    String detailsJson,
    int alg,
    String prevHash,
    String hash) {}
