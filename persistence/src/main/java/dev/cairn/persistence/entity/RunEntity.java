package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Read view of a run for the API; the engine writes runs with explicit SQL only. */
@Entity
@Immutable
@Table(name = "agent_run")
public class RunEntity extends PanacheEntityBase {
  /** Run id. */
  @Id public UUID id;

  /** Tenant. */
  @Column(name = "tenant_id")
  public String tenantId;

  /** Agent name. */
  @Column(name = "agent_name")
  public String agentName;

  /** Pinned definition version. */
  @Column(name = "agent_version")
  public int agentVersion;

  /** Status. */
  public String status;

  /** Why the run waits. */
  @Column(name = "wait_reason")
  public String waitReason;

  /** Input (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public String input;

  /** Result (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public String result;

  /** Error (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public String error;

  /** Next time the run may be claimed. */
  @Column(name = "wake_at")
  public Instant wakeAt;

  /** Last committed seq. */
  @Column(name = "step_count")
  public int stepCount;

  /** Model calls so far. */
  @Column(name = "model_calls")
  public int modelCalls;

  /** Tool calls so far. */
  @Column(name = "tool_calls")
  public int toolCalls;

  /** Prompt tokens. */
  @Column(name = "input_tokens")
  public long inputTokens;

  /** Completion tokens. */
  @Column(name = "output_tokens")
  public long outputTokens;

  /** Submission time. */
  @Column(name = "created_at")
  public Instant createdAt;

  /** Last change. */
  @Column(name = "updated_at")
  public Instant updatedAt;

  /** End time, for terminal runs. */
  @Column(name = "finished_at")
  public Instant finishedAt;

  /** Who submitted the run. */
  @Column(name = "submitted_by")
  public String submittedBy;

  /** The run's effective budget (JSON), or null for the pinned definition's. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public String budget;

  /** Cost so far, in millionths of the price table's currency. */
  @Column(name = "cost_micros")
  public long costMicros;

  /** Wall-clock deadline, or null. */
  @Column(name = "deadline_at")
  public Instant deadlineAt;

  /** Why the run needs a person, or null. */
  public String attention;

  /** The run this one was forked from, or null. */
  @Column(name = "forked_from")
  public UUID forkedFrom;

  /** The original's seq this fork continues after, or null. */
  @Column(name = "forked_at_seq")
  public Integer forkedAtSeq;
}
