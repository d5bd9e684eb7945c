package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.audit.chain.SignedDigest;

/**
 * A signed digest, with everything needed to check it offline: the signature is Ed25519 over the
 * UTF-8 bytes of {@code statement} (RFC 8785 JSON of the other fields), by the key {@code keyId}
 * that {@code GET /v1/audit/keys} serves.
 *
 * @param tenant the tenant
 * @param periodStart the period it was written for
 * @param coversSeq the chain head's seq when signed (0 before the first record)
 * @param headHash the head's hash
 * @param signedAt when it was signed
 * @param keyId the signing key's id
 * @param algorithm {@code Ed25519}
 * @param signature base64
 * @param statement the exact text signed
 */
public record AuditDigestResponse(
    String tenant,
    String periodStart,
    long coversSeq,
    String headHash,
    String signedAt,
    String keyId,
    String algorithm,
    String signature,
    String statement) {
  static AuditDigestResponse of(SignedDigest d) {
    return new AuditDigestResponse(
        d.tenant(),
        d.periodStart().toString(),
        d.coversSeq(),
        d.headHash(),
        d.signedAt().toString(),
        d.keyId(),
        d.algorithm(),
        d.signature(),
        d.statement());
  }
}
