package dev.cairn.runtime.audit.replay;

import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.ToolApproval;
import dev.cairn.runtime.engine.ToolCallRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run's state after one seq, folded from its history.
 *
 * @param runId the run
 * @param seq the seq
 * @param matchesStored whether every step up to {@code seq} matched the record, its stored state
 *     after {@code seq} included (always true: a fold that differs is answered with a conflict)
 * @param status status
 * @param usage calls and tokens used
 * @param costMicros cost charged
 * @param invalidToolCalls rejected tool calls so far
 * @param retryAttempt consecutive failed model attempts
 * @param waitReason why the run waits, or null
 * @param wakeAt when a waiting run wakes, or null
 * @param budget effective limits
 * @param pendingToolCalls tool calls still to run
 * @param approvals approvals not used yet
 * @param messageCount messages in the conversation
 * @param messages the last messages (at most {@value #MAX_MESSAGES})
 */
public record RunStateView(
    UUID runId,
    int seq,
    boolean matchesStored,
    String status,
    RunSnapshot.Usage usage,
    long costMicros,
    int invalidToolCalls,
    int retryAttempt,
    String waitReason,
    Instant wakeAt,
    Map<String, Object> budget,
    List<ToolCallRequest> pendingToolCalls,
    List<ToolApproval> approvals,
    int messageCount,
    List<MessageView> messages) {
  /** Most messages shown. */
  public static final int MAX_MESSAGES = 100;

  /** Longest message content shown. */
  public static final int MAX_CONTENT = 4_000;

  /**
   * A conversation message, content bounded to {@value #MAX_CONTENT} characters.
   *
   * @param idx position
   * @param seq the seq that appended it (0 for the input)
   * @param role role
   * @param content content, bounded
   * @param toolCalls tool calls of an assistant message
   * @param toolCallId the call a tool message answers, or null
   */
  public record MessageView(
      int idx,
      int seq,
      String role,
      String content,
      List<ToolCallRequest> toolCalls,
      String toolCallId) {
    /**
     * The view of a message.
     *
     * @param m the message
     * @return the view
     */
    static MessageView of(Message m) {
      String content =
          m.content() == null || m.content().length() <= MAX_CONTENT
              ? m.content()
              : m.content().substring(0, MAX_CONTENT) + "…";
      return new MessageView(
          m.idx(), m.seq(), m.role().name(), content, m.toolCalls(), m.toolCallId());
    }
  }

  /**
   * The view of a snapshot.
   *
   * @param run the snapshot
   * @param seq its seq
   * @return the view
   */
  @SuppressWarnings("unchecked")
  static RunStateView of(RunSnapshot run, int seq) {
    List<Message> all = run.messages();
    List<MessageView> last =
        all.subList(Math.max(0, all.size() - MAX_MESSAGES), all.size()).stream()
            .map(MessageView::of)
            .toList();
    return new RunStateView(
        run.id(),
        seq,
        true,
        run.status().name(),
        run.usage(),
        run.control().costMicros(),
        run.invalidToolCalls(),
        run.retryAttempt(),
        run.control().waitReason(),
        run.control().wakeAt(),
        Json.MAPPER.convertValue(run.control().budget(), Map.class),
        run.pendingToolCalls(),
        run.control().approvals(),
        run.nextMessageIdx(),
        last);
  }
}
