package dev.cairn.runtime.security;

import dev.cairn.persistence.entity.TenantEntity;
import dev.cairn.persistence.entity.TenantRepository;
import dev.cairn.runtime.config.CairnConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Tenants: created, listed, disabled and enabled by platform admins (admins of the {@link
 * #PLATFORM} tenant). A disabled tenant's requests are refused and its runs are not claimed; they
 * stay as they are and go on when it is enabled again.
 */
@ApplicationScoped
public class TenantDirectory {
  /** The tenant whose admins manage every tenant; the quick start's tenant. */
  public static final String PLATFORM = "default";

  /** What a tenant id looks like (the same check as the tenant table's). */
  public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

  private final TenantRepository tenants;
  private final Clock clock;
  private final TtlCache<String, Boolean> enabled;

  /**
   * Creates the directory.
   *
   * @param tenants tenant storage
   * @param clock clock
   * @param config configuration
   */
  public TenantDirectory(TenantRepository tenants, Clock clock, CairnConfig config) {
    this.tenants = tenants;
    this.clock = clock;
    this.enabled = new TtlCache<>(config.security().cacheTtl(), 10_000);
  }

  /**
   * Whether a tenant exists and is enabled (trusted for the cache time).
   *
   * @param tenantId tenant
   * @return true if enabled
   */
  public boolean isEnabled(String tenantId) {
    return enabled.get(
        tenantId, id -> QuarkusTransaction.joiningExisting().call(() -> tenants.isEnabled(id)));
  }

  /**
   * Creates a tenant.
   *
   * @param id tenant id
   * @param displayName name
   * @param actor who creates it
   * @return the tenant, or empty when the id is taken
   */
  @Transactional
  public Optional<TenantEntity> create(String id, String displayName, String actor) {
    Optional<TenantEntity> created = tenants.create(id, displayName, actor, clock.instant());
    created.ifPresent(t -> enabled.invalidate(id));
    return created;
  }

  /**
   * One tenant.
   *
   * @param id tenant id
   * @return the tenant
   */
  @Transactional
  public Optional<TenantEntity> find(String id) {
    return tenants.findByIdOptional(id);
  }

  /**
   * Tenants in id order.
   *
   * @param afterId last id seen, or null
   * @param limit page size
   * @return the tenants
   */
  @Transactional
  public List<TenantEntity> page(String afterId, int limit) {
    return tenants.page(afterId, limit);
  }

  /**
   * Disables or enables a tenant.
   *
   * @param id tenant id
   * @param disable true to disable, false to enable
   * @param actor who acts
   * @return the tenant after the change, or empty if it does not exist
   */
  @Transactional
  public Optional<TenantEntity> setDisabled(String id, boolean disable, String actor) {
    Optional<TenantEntity> found = tenants.findByIdOptional(id);
    found.ifPresent(
        t -> {
          if (disable && t.disabledAt == null) {
            t.disabledAt = clock.instant();
            t.disabledBy = actor;
          } else if (!disable && t.disabledAt != null) {
            t.disabledAt = null;
            t.disabledBy = null;
            t.enabledAt = clock.instant();
            t.enabledBy = actor;
          }
        });
    enabled.invalidate(id);
    return found;
  }
}
