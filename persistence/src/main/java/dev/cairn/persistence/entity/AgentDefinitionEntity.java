package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One immutable version of an agent definition. */
@Entity
@Table(name = "agent_definition")
public class AgentDefinitionEntity extends PanacheEntityBase {
  /** Surrogate key. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** Owning tenant. */
  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  /** Agent name. */
  @Column(nullable = false)
  public String name;

  /** Version, from 1. */
  @Column(nullable = false)
  public int version;

  /** The spec as JSON. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public String spec;

  /** SHA-256 of the spec, to detect republishing the same spec. */
  @Column(name = "spec_hash", nullable = false)
  public String specHash;

  /** Publication time. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Who published this version (an actor such as {@code key:ab12cd34ef56}). */
  @Column(name = "published_by", nullable = false)
  public String publishedBy;
}
