package dev.cairn.runtime.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.persistence.entity.ApiKeyEntity;
import java.time.Instant;
import java.util.List;

/**
 * An API key as admins see it. The secret is never returned, except as {@code key} in the answer to
 * its creation.
 *
 * @param id public id
 * @param tenant tenant
 * @param name name
 * @param roles roles
 * @param createdAt creation time
 * @param createdBy who created it
 * @param expiresAt expiry, if any
 * @param revokedAt revocation time, if revoked
 * @param revokedBy who revoked it
 * @param lastUsedAt last successful use (to the minute)
 * @param key the full key, only in the creation answer: store it now, it is not shown again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyResponse(
    String id,
    String tenant,
    String name,
    List<String> roles,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    Instant revokedAt,
    String revokedBy,
    Instant lastUsedAt,
    String key) {
  static ApiKeyResponse of(ApiKeyEntity k, String key) {
    return new ApiKeyResponse(
        k.id,
        k.tenantId,
        k.name,
        List.of(k.roles),
        k.createdAt,
        k.createdBy,
        k.expiresAt,
        k.revokedAt,
        k.revokedBy,
        k.lastUsedAt,
        key);
  }
}
