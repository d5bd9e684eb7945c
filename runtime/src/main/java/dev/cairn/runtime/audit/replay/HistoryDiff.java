package dev.cairn.runtime.audit.replay;

import dev.cairn.runtime.engine.RunSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What changed in a run between two seqs: state fields that differ, and the steps and messages in
 * between (at most {@value #MAX_ITEMS} of each).
 *
 * @param runId the run
 * @param from the earlier seq
 * @param to the later seq
 * @param changes state fields that differ
 * @param steps the steps after {@code from} up to {@code to}
 * @param messages the messages those steps appended
 * @param truncated whether steps or messages were cut to {@value #MAX_ITEMS}
 */
public record HistoryDiff(
    UUID runId,
    int from,
    int to,
    List<Change> changes,
    List<StepView> steps,
    List<RunStateView.MessageView> messages,
    boolean truncated) {
  /** Most steps and messages listed. */
  public static final int MAX_ITEMS = 200;

  /**
   * One state field that differs.
   *
   * @param field the field
   * @param from its value at the earlier seq
   * @param to its value at the later seq
   */
  public record Change(String field, String from, String to) {}

  /**
   * One step.
   *
   * @param seq its seq
   * @param kind checkpoint kind
   * @param decision decision type
   * @param statusAfter status after it
   * @param at commit time
   */
  public record StepView(int seq, String kind, String decision, String statusAfter, Instant at) {}

  /**
   * The state fields that differ between two snapshots.
   *
   * @param a earlier
   * @param b later
   * @return the changes
   */
  static List<Change> changes(RunSnapshot a, RunSnapshot b) {
    Map<String, String> x = fields(a);
    Map<String, String> y = fields(b);
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, String> e : x.entrySet()) {
      String later = y.get(e.getKey());
      if (!Objects.equals(e.getValue(), later)) {
        changes.add(
            new Change(e.getKey(), Divergence.bound(e.getValue()), Divergence.bound(later)));
      }
    }
    return List.copyOf(changes);
  }

  private static Map<String, String> fields(RunSnapshot r) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", r.status().name());
    f.put("stepCount", String.valueOf(r.stepCount()));
    f.put("modelCalls", String.valueOf(r.usage().modelCalls()));
    f.put("toolCalls", String.valueOf(r.usage().toolCalls()));
    f.put("inputTokens", String.valueOf(r.usage().inputTokens()));
    f.put("outputTokens", String.valueOf(r.usage().outputTokens()));
    f.put("costMicros", String.valueOf(r.control().costMicros()));
    f.put("invalidToolCalls", String.valueOf(r.invalidToolCalls()));
    f.put("retryAttempt", String.valueOf(r.retryAttempt()));
    f.put("waitReason", r.control().waitReason());
    f.put("budget", String.valueOf(r.control().budget()));
    f.put("messages", String.valueOf(r.nextMessageIdx()));
    f.put(
        "pendingToolCalls",
        r.pendingToolCalls().stream().map(c -> c.name() + "#" + c.id()).toList().toString());
    f.put(
        "approvals",
        r.control().approvals().stream()
            .map(a -> a.toolName() + ":" + a.state())
            .toList()
            .toString());
    return f;
  }
}
