package dev.cairn.runtime.audit.replay;

import dev.cairn.persistence.store.CheckpointRow;
import dev.cairn.persistence.store.HistoryRow;
import dev.cairn.runtime.engine.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a replayed checkpoint with the recorded one: decision, kind, outcome, tokens, status and
 * state after the step. JSON is compared by canonical form.
 */
final class StepComparison {
  private StepComparison() {}

  /**
   * The first difference, if any.
   *
   * @param recorded the recorded checkpoint
   * @param replayed the checkpoint the replayed step would write
   * @return the difference
   */
  static Optional<Divergence> compare(HistoryRow recorded, CheckpointRow replayed) {
    int seq = recorded.seq();
    Optional<Divergence> d =
        JsonDifference.first(
            seq,
            "decision",
            Json.parse(recorded.decisionJson()),
            Json.parse(replayed.decisionJson()));
    if (d.isPresent()) {
      return d;
    }
    if (!Objects.equals(recorded.kind(), replayed.kind())) {
      return Optional.of(Divergence.of(seq, "kind", recorded.kind(), replayed.kind()));
    }
    d =
        JsonDifference.first(
            seq, "outcome", Json.parse(recorded.outcomeJson()), Json.parse(replayed.outcomeJson()));
    if (d.isPresent()) {
      return d;
    }
    if (recorded.inputTokens() != replayed.inputTokens()) {
      return Optional.of(
          Divergence.of(
              seq,
              "inputTokens",
              String.valueOf(recorded.inputTokens()),
              String.valueOf(replayed.inputTokens())));
    }
    if (recorded.outputTokens() != replayed.outputTokens()) {
      return Optional.of(
          Divergence.of(
              seq,
              "outputTokens",
              String.valueOf(recorded.outputTokens()),
              String.valueOf(replayed.outputTokens())));
    }
    if (!Objects.equals(recorded.statusAfter(), replayed.statusAfter())) {
      return Optional.of(
          Divergence.of(seq, "statusAfter", recorded.statusAfter(), replayed.statusAfter()));
    }
    return JsonDifference.first(
        seq,
        "stateAfter",
        Json.parse(recorded.stateAfterJson()),
        Json.parse(replayed.stateAfterJson()));
  }
}
