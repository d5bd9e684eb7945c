package dev.cairn.runtime.api.audit;

/**
 * The public half of the digest signing key.
 *
 * @param keyId SHA-256 of the X.509 encoding, hex
 * @param algorithm {@code Ed25519}
 * @param publicKeyPem the key, PEM ({@code -----BEGIN PUBLIC KEY-----})
 */
public record AuditKeyResponse(String keyId, String algorithm, String publicKeyPem) {}
