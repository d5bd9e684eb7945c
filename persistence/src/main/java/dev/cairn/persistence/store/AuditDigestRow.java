package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * A signed statement of a tenant's chain head.
 *
 * @param tenantId the tenant
 * @param periodStart the start of the period it was written for
 * @param coversSeq the chain's head seq (0 before the first record)
 * @param headHash the head's hash
 * @param signedAt when it was signed
 * @param keyId SHA-256 of the signing key's public key (X.509 encoding), hex
 * @param algorithm the signature algorithm ({@code Ed25519})
 * @param signature the signature, base64
 */
public record AuditDigestRow(
    String tenantId,
    Instant periodStart,
    long coversSeq,
    String headHash,
    Instant signedAt,
    String keyId,
    String algorithm,
    String signature) {}
