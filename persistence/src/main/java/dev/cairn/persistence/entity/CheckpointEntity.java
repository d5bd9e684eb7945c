package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Read view of a checkpoint; checkpoints are appended with explicit SQL and never change. */
@Entity
@Immutable
@Table(name = "checkpoint")
@IdClass(CheckpointEntity.Key.class)
public class CheckpointEntity extends PanacheEntityBase {
  /**
   * Primary key.
   *
   * @param runId run
   * @param seq seq
   */
  public record Key(UUID runId, int seq) implements Serializable {
    /** For JPA. */
    public Key() {
      this(null, 0);
    }
  }

  /** Run. */
  @Id
  @Column(name = "run_id")
  public UUID runId;

  /** Seq from 1. */
  @Id public int seq;

  /** Tenant. */
  @Column(name = "tenant_id")
  public String tenantId;

  /** What the step did. */
  public String kind;

  /** Replica that committed it. */
  @Column(name = "lease_owner")
  public String leaseOwner;

  /** Lease epoch it was committed under. */
  @Column(name = "lease_epoch")
  public long leaseEpoch;

  /** The decision (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public String decision;

  /** What came back (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public String outcome;

  /** Prompt tokens of the step. */
  @Column(name = "input_tokens")
  public int inputTokens;

  /** Completion tokens of the step. */
  @Column(name = "output_tokens")
  public int outputTokens;

  /** Run status after the step. */
  @Column(name = "status_after")
  public String statusAfter;

  /** Run state summary after the step (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "state_after", columnDefinition = "jsonb")
  public String stateAfter;

  /** Previous checkpoint's hash. */
  @Column(name = "prev_hash")
  public String prevHash;

  /** This checkpoint's hash. */
  public String hash;

  /** Commit time. */
  @Column(name = "created_at")
  public Instant createdAt;
}
