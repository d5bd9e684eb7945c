package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tenants, managed by platform admins. Runs outside any tenant's scope. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, String> {
  /**
   * Creates a tenant unless the id is taken. Must run in a transaction.
   *
   * @param id tenant id
   * @param displayName name
   * @param actor who creates it
   * @param now creation time
   * @return the new tenant, or empty when the id exists
   */
  public Optional<TenantEntity> create(String id, String displayName, String actor, Instant now) {
    int inserted =
        getEntityManager()
            .createNativeQuery(
                "INSERT INTO tenant (id, display_name, created_at, created_by)"
                    + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING")
            .setParameter(1, id)
            .setParameter(2, displayName)
            .setParameter(3, now)
            .setParameter(4, actor)
            .executeUpdate();
    return inserted == 1 ? findByIdOptional(id) : Optional.empty();
  }

  /**
   * Tenants in id order, after a given id.
   *
   * @param afterId last id seen, or null
   * @param limit page size
   * @return the tenants
   */
  public List<TenantEntity> page(String afterId, int limit) {
    return (afterId == null
            ? findAll(Sort.ascending("id"))
            : find("id > ?1", Sort.ascending("id"), afterId))
        .page(0, limit)
        .list();
  }

  /**
   * Whether a tenant exists and is enabled.
   *
   * @param id tenant id
   * @return true if it exists and is not disabled
   */
  public boolean isEnabled(String id) {
    return count("id = ?1 and disabledAt is null", id) == 1;
  }
}
