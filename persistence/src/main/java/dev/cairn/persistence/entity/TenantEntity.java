package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant: owns agents, runs, memory and API keys. */
@Entity
@Table(name = "tenant")
public class TenantEntity extends PanacheEntityBase {
  /** Tenant id, lower case letters, digits and dashes. */
  @Id public String id;

  /** Human-readable name. */
  @Column(name = "display_name", nullable = false)
  public String displayName;

  /** Creation time. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Who created it. */
  @Column(name = "created_by", nullable = false)
  public String createdBy;

  /** When it was disabled, or null while enabled. */
  @Column(name = "disabled_at")
  public Instant disabledAt;

  /** Who disabled it. */
  @Column(name = "disabled_by")
  public String disabledBy;

  /** When it was last enabled again, or null. */
  @Column(name = "enabled_at")
  public Instant enabledAt;

  /** Who last enabled it again. */
  @Column(name = "enabled_by")
  public String enabledBy;
}
