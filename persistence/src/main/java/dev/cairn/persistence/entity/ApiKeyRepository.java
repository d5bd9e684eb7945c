package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API keys: lookup for authentication, creation, listing and revocation. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, String> {
  /**
   * A page position: keys strictly older than (createdAt, id).
   *
   * @param createdAt creation time of the last key seen
   * @param id id of the last key seen
   */
  public record Cursor(Instant createdAt, String id) {}

  /**
   * A tenant's key by id.
   *
   * @param tenantId tenant
   * @param id key id
   * @return the key, if it exists in this tenant
   */
  public Optional<ApiKeyEntity> find(String tenantId, String id) {
    return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
  }

  /**
   * A page of a tenant's keys, newest first.
   *
   * @param tenantId tenant
   * @param after cursor, or null
   * @param limit page size
   * @return the keys
   */
  public List<ApiKeyEntity> page(String tenantId, Cursor after, int limit) {
    Map<String, Object> params = new HashMap<>();
    params.put("tenant", tenantId);
    String query = "tenantId = :tenant";
    if (after != null) {
      query += " and (createdAt < :at or (createdAt = :at and id < :id))";
      params.put("at", after.createdAt());
      params.put("id", after.id());
    }
    return find(query, Sort.descending("createdAt", "id"), params).page(0, limit).list();
  }

  /**
   * Records a successful use, at most once per {@code resolution}, so a busy key does not write on
   * every request.
   *
   * @param id key id
   * @param now current time
   * @param resolution smallest interval between two recorded uses
   * @return true if the time was written
   */
  public boolean touch(String id, Instant now, Duration resolution) {
    return getEntityManager()
            .createNativeQuery(
                "UPDATE api_key SET last_used_at = ?1 WHERE id = ?2"
                    + " AND (last_used_at IS NULL OR last_used_at < ?3)")
            .setParameter(1, now)
            .setParameter(2, id)
            .setParameter(3, now.minus(resolution))
            .executeUpdate()
        == 1;
  }

  /**
   * Whether any valid key holds the admin role (used to decide on a bootstrap key).
   *
   * @param now current time
   * @return true if an unrevoked, unexpired admin key exists
   */
  public boolean anyValidAdmin(Instant now) {
    return ((Number)
                getEntityManager()
                    .createNativeQuery(
                        "SELECT count(*) FROM api_key WHERE 'admin' = ANY (roles)"
                            + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?1)")
                    .setParameter(1, now)
                    .getSingleResult())
            .longValue()
        > 0;
  }
}
