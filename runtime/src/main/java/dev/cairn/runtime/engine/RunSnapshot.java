package dev.cairn.runtime.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the engine knows of a run while it holds the lease. Immutable; each step yields the next.
 *
 * @param id run id
 * @param tenantId tenant
 * @param agentName agent
 * @param agentVersion pinned definition version
 * @param spec pinned definition
 * @param status current status
 * @param leaseEpoch epoch of the held lease
 * @param stepCount last committed seq
 * @param usage calls and tokens used so far
 * @param invalidToolCalls rejected tool calls so far
 * @param retryAttempt consecutive failed model attempts
 * @param consecutiveRecoveries lease take-overs since the last committed step
 * @param pendingToolCalls tool calls still to run
 * @param messages the conversation
 * @param openIntent a started call without result, for the next seq
 * @param lastHash hash of the last checkpoint
 * @param createdAt when the run was submitted
 * @param control waits, budget, spend, reservation and approvals
 * @param summary the running summary of older turns, or null when none was made; {@code messages}
 *     then holds the run's input and the turns after it (the tail), never the turns it covers
 */
public record RunSnapshot(
    UUID id,
    String tenantId,
    String agentName,
    int agentVersion,
    AgentSpec spec,
    RunStatus status,
    long leaseEpoch,
    int stepCount,
    Usage usage,
    int invalidToolCalls,
    int retryAttempt,
    int consecutiveRecoveries,
    List<ToolCallRequest> pendingToolCalls,
    List<Message> messages,
    Optional<OpenIntent> openIntent,
    String lastHash,
    Instant createdAt,
    Control control,
    ConversationSummary summary) {

  /**
   * A snapshot without a summary.
   *
   * @param id run id
   * @param tenantId tenant
   * @param agentName agent
   * @param agentVersion pinned definition version
   * @param spec pinned definition
   * @param status current status
   * @param leaseEpoch epoch of the held lease
   * @param stepCount last committed seq
   * @param usage calls and tokens used so far
   * @param invalidToolCalls rejected tool calls so far
   * @param retryAttempt consecutive failed model attempts
   * @param consecutiveRecoveries lease take-overs since the last committed step
   * @param pendingToolCalls tool calls still to run
   * @param messages the conversation
   * @param openIntent a started call without result, for the next seq
   * @param lastHash hash of the last checkpoint
   * @param createdAt when the run was submitted
   * @param control waits, budget, spend, reservation and approvals
   */
  public RunSnapshot(
      UUID id,
      String tenantId,
      String agentName,
      int agentVersion,
      AgentSpec spec,
      RunStatus status,
      long leaseEpoch,
      int stepCount,
      Usage usage,
      int invalidToolCalls,
      int retryAttempt,
      int consecutiveRecoveries,
      List<ToolCallRequest> pendingToolCalls,
      List<Message> messages,
      Optional<OpenIntent> openIntent,
      String lastHash,
      Instant createdAt,
      Control control) {
    this(
        id,
        tenantId,
        agentName,
        agentVersion,
        spec,
        status,
        leaseEpoch,
        stepCount,
        usage,
        invalidToolCalls,
        retryAttempt,
        consecutiveRecoveries,
        pendingToolCalls,
        messages,
        openIntent,
        lastHash,
        createdAt,
        control,
        null);
  }

  /**
   * The index the next appended message takes: messages keep their global index, so this is the
   * number of messages the run has, including those a summary covers and the snapshot does not
   * hold.
   *
   * @return the next message index
   */
  public int nextMessageIdx() {
    int next = messages.isEmpty() ? 0 : messages.getLast().idx() + 1;
    return summary == null ? next : Math.max(next, summary.toIdx() + 1);
  }

  /**
   * Operator control and budget state of a run.
   *
   * @param waitReason why a waiting run waits (RETRY_BACKOFF, APPROVAL), or null
   * @param wakeAt when a waiting run becomes runnable, or null
   * @param budget the run's effective limits
   * @param deadline wall-clock deadline, or null
   * @param costMicros cost charged so far (millionths of the price table's currency)
   * @param reserved what the next model call holds of the budget
   * @param reservationFresh whether {@code reserved} is durable and unspent: made by this lease's
   *     commits, or by a commit after which the lease was given back cleanly. After a crash it may
   *     have been spent, so it is charged and a new one is made before the next call.
   * @param approvals approvals of this run not used yet
   * @param attention why the run needs a person, or null
   * @param price the highest prices of the models the run may call (its reservation assumes them)
   */
  public record Control(
      String waitReason,
      Instant wakeAt,
      AgentSpec.Budget budget,
      Instant deadline,
      long costMicros,
      Reservation reserved,
      boolean reservationFresh,
      List<ToolApproval> approvals,
      String attention,
      ModelPrice price) {

    /**
     * A copy with other reservation and spend.
     *
     * @param newCost cost charged so far
     * @param newReserved reservation
     * @param fresh whether the reservation is durable and unspent
     * @return the copy
     */
    public Control withSpend(long newCost, Reservation newReserved, boolean fresh) {
      return new Control(
          waitReason,
          wakeAt,
          budget,
          deadline,
          newCost,
          newReserved,
          fresh,
          approvals,
          attention,
          price);
    }

    /**
     * A copy with another wait.
     *
     * @param reason the wait reason or null
     * @param at the wake time or null
     * @return the copy
     */
    public Control withWait(String reason, Instant at) {
      return new Control(
          reason,
          at,
          budget,
          deadline,
          costMicros,
          reserved,
          reservationFresh,
          approvals,
          attention,
          price);
    }

    /**
     * A copy with other approvals.
     *
     * @param newApprovals the approvals
     * @return the copy
     */
    public Control withApprovals(List<ToolApproval> newApprovals) {
      return new Control(
          waitReason,
          wakeAt,
          budget,
          deadline,
          costMicros,
          reserved,
          reservationFresh,
          List.copyOf(newApprovals),
          attention,
          price);
    }

    /**
     * A copy with another attention reason.
     *
     * @param reason why a person is needed, or null
     * @return the copy
     */
    public Control withAttention(String reason) {
      return new Control(
          waitReason,
          wakeAt,
          budget,
          deadline,
          costMicros,
          reserved,
          reservationFresh,
          approvals,
          reason,
          price);
    }

    /**
     * A copy with other limits.
     *
     * @param newBudget the limits
     * @param newDeadline the deadline or null
     * @return the copy
     */
    public Control withBudget(AgentSpec.Budget newBudget, Instant newDeadline) {
      return new Control(
          waitReason,
          wakeAt,
          newBudget,
          newDeadline,
          costMicros,
          reserved,
          reservationFresh,
          approvals,
          attention,
          price);
    }
  }

  /**
   * Calls and tokens used by a run.
   *
   * @param modelCalls model calls, failed attempts included
   * @param toolCalls tool calls
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   */
  public record Usage(int modelCalls, int toolCalls, long inputTokens, long outputTokens) {
    /**
     * Prompt plus completion tokens.
     *
     * @return the total
     */
    public long totalTokens() {
      return inputTokens + outputTokens;
    }
  }

  /**
   * The seq the next step will commit.
   *
   * @return last seq + 1
   */
  public int nextSeq() {
    return stepCount + 1;
  }

  /**
   * The idempotency key of the next step.
   *
   * @return {@code run_id:seq}
   */
  public String nextIdempotencyKey() {
    return id + ":" + nextSeq();
  }

  /**
   * This snapshot with another status.
   *
   * @param newStatus the status
   * @return the copy
   */
  public RunSnapshot withStatus(RunStatus newStatus) {
    return copy().status(newStatus).build();
  }

  /**
   * This snapshot with other control state.
   *
   * @param newControl the control state
   * @return the copy
   */
  public RunSnapshot withControl(Control newControl) {
    return copy().control(newControl).build();
  }

  /**
   * This snapshot with other usage and control state.
   *
   * @param newUsage the usage
   * @param newControl the control state
   * @return the copy
   */
  public RunSnapshot withUsage(Usage newUsage, Control newControl) {
    return copy().usage(newUsage).control(newControl).build();
  }

  /**
   * This snapshot with another last checkpoint hash.
   *
   * @param hash the hash
   * @return the copy
   */
  public RunSnapshot withLastHash(String hash) {
    return copy().lastHash(hash).build();
  }

  /**
   * A copy to change some components of.
   *
   * @return the copy
   */
  public Copy copy() {
    return new Copy(this);
  }

  /** A snapshot being copied with some components changed; {@link #build} makes it. */
  public static final class Copy {
    private final RunSnapshot from;
    private RunStatus status;
    private Usage usage;
    private int retryAttempt;
    private int consecutiveRecoveries;
    private List<ToolCallRequest> pendingToolCalls;
    private String lastHash;
    private Control control;
    private List<Message> messages;
    private ConversationSummary summary;

    private Copy(RunSnapshot from) {
      this.from = from;
      this.status = from.status;
      this.usage = from.usage;
      this.retryAttempt = from.retryAttempt;
      this.consecutiveRecoveries = from.consecutiveRecoveries;
      this.pendingToolCalls = from.pendingToolCalls;
      this.lastHash = from.lastHash;
      this.control = from.control;
      this.messages = from.messages;
      this.summary = from.summary;
    }

    /**
     * The conversation the snapshot holds and the summary of what it no longer holds.
     *
     * @param tail the input and the turns after the summary
     * @param newSummary the summary, or null
     * @return this
     */
    public Copy conversation(List<Message> tail, ConversationSummary newSummary) {
      messages = List.copyOf(tail);
      summary = newSummary;
      return this;
    }

    /**
     * The status.
     *
     * @param value the status
     * @return this
     */
    public Copy status(RunStatus value) {
      status = value;
      return this;
    }

    /**
     * The usage.
     *
     * @param value the usage
     * @return this
     */
    public Copy usage(Usage value) {
      usage = value;
      return this;
    }

    /**
     * Consecutive failed model attempts.
     *
     * @param value the count
     * @return this
     */
    public Copy retryAttempt(int value) {
      retryAttempt = value;
      return this;
    }

    /**
     * Lease take-overs since the last committed step.
     *
     * @param value the count
     * @return this
     */
    public Copy consecutiveRecoveries(int value) {
      consecutiveRecoveries = value;
      return this;
    }

    /**
     * Tool calls still to run.
     *
     * @param value the calls
     * @return this
     */
    public Copy pendingToolCalls(List<ToolCallRequest> value) {
      pendingToolCalls = value;
      return this;
    }

    /**
     * The last checkpoint's hash.
     *
     * @param value the hash
     * @return this
     */
    public Copy lastHash(String value) {
      lastHash = value;
      return this;
    }

    /**
     * The control state.
     *
     * @param value the state
     * @return this
     */
    public Copy control(Control value) {
      control = value;
      return this;
    }

    /**
     * Makes the snapshot.
     *
     * @return the snapshot
     */
    public RunSnapshot build() {
      return new RunSnapshot(
          from.id,
          from.tenantId,
          from.agentName,
          from.agentVersion,
          from.spec,
          status,
          from.leaseEpoch,
          from.stepCount,
          usage,
          from.invalidToolCalls,
          retryAttempt,
          consecutiveRecoveries,
          pendingToolCalls,
          messages,
          from.openIntent,
          lastHash,
          from.createdAt,
          control,
          summary);
    }
  }
}
