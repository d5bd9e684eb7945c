package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An API key: bound to one tenant and a set of roles; only a hash of its secret is stored. */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity extends PanacheEntityBase {
  /** Public id, the middle part of {@code cairn_<id>_<secret>}. */
  @Id public String id;

  /** Owning tenant. */
  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  /** Name given by the admin. */
  @Column(nullable = false)
  public String name;

  /** Roles granted. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  public String[] roles;

  /** SHA-256 of the secret. */
  @Column(name = "secret_hash", nullable = false)
  public byte[] secretHash;

  /** Creation time. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Who created it. */
  @Column(name = "created_by", nullable = false)
  public String createdBy;

  /** Expiry, or null for none. */
  @Column(name = "expires_at")
  public Instant expiresAt;

  /** Revocation time, or null while valid. */
  @Column(name = "revoked_at")
  public Instant revokedAt;

  /** Who revoked it. */
  @Column(name = "revoked_by")
  public String revokedBy;

  /** Last successful authentication (kept to the minute). */
  @Column(name = "last_used_at")
  public Instant lastUsedAt;
}
