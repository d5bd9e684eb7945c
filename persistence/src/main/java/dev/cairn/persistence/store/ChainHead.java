package dev.cairn.persistence.store;

/**
 * A tenant's audit chain head.
 *
 * @param tenantId the tenant
 * @param seq the last record's seq (0 before the first)
 * @param hash the last record's hash (64 zeros before the first)
 */
public record ChainHead(String tenantId, long seq, String hash) {}
