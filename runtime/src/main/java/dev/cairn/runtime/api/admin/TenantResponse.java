package dev.cairn.runtime.api.admin;

import dev.cairn.persistence.entity.TenantEntity;
import java.time.Instant;

/**
 * A tenant.
 *
 * @param id tenant id
 * @param displayName name
 * @param enabled whether its requests are served and its runs claimed
 * @param createdAt creation time
 * @param createdBy who created it
 * @param disabledAt when it was disabled, if it is
 * @param disabledBy who disabled it
 */
public record TenantResponse(
    String id,
    String displayName,
    boolean enabled,
    Instant createdAt,
    String createdBy,
    Instant disabledAt,
    String disabledBy) {
  static TenantResponse of(TenantEntity t) {
    return new TenantResponse(
        t.id,
        t.displayName,
        t.disabledAt == null,
        t.createdAt,
        t.createdBy,
        t.disabledAt,
        t.disabledBy);
  }
}
