package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.ChainRow;
import dev.cairn.runtime.audit.fork.SideBySide;
import dev.cairn.runtime.engine.Json;
import java.util.List;

/**
 * Two runs side by side.
 *
 * @param left the first run
 * @param right the second run
 * @param fromSeq the first seq shown
 * @param rows one row per seq
 * @param nextFrom pass as {@code from} for the next page, or null at the end
 */
public record CompareResponse(
    String left, String right, int fromSeq, List<CompareRow> rows, Integer nextFrom) {

  /**
   * One seq of both runs.
   *
   * @param seq the seq
   * @param same whether both recorded the same decision and outcome
   * @param left the first run's step, or null
   * @param right the second run's step, or null
   */
  public record CompareRow(int seq, boolean same, Step left, Step right) {}

  /**
   * One run's step.
   *
   * @param kind what the step did
   * @param statusAfter the run's status after it
   * @param actor who caused it
   * @param inputTokens input tokens
   * @param outputTokens output tokens
   * @param costMicros cost in micro-dollars
   * @param decision the decision, or null when pruned
   * @param outcome the outcome, or null when pruned
   * @param pruned whether retention pruned the payloads
   * @param hash the checkpoint's hash
   * @param createdAt when it committed
   */
  public record Step(
      String kind,
      String statusAfter,
      String actor,
      long inputTokens,
      long outputTokens,
      long costMicros,
      JsonNode decision,
      JsonNode outcome,
      boolean pruned,
      String hash,
      String createdAt) {
    static Step of(ChainRow r) {
      return r == null
          ? null
          : new Step(
              r.kind(),
              r.statusAfter(),
              r.actor(),
              r.inputTokens(),
              r.outputTokens(),
              r.costMicros(),
              r.decisionJson() == null ? null : Json.parse(r.decisionJson()),
              r.outcomeJson() == null ? null : Json.parse(r.outcomeJson()),
              r.prunedAt() != null,
              r.hash(),
              r.createdAt().toString());
    }
  }

  /**
   * The response form of a comparison page (also used by the console).
   *
   * @param p the page
   * @return the response
   */
  public static CompareResponse of(SideBySide.Page p) {
    return new CompareResponse(
        p.left().toString(),
        p.right().toString(),
        p.fromSeq(),
        p.rows().stream()
            .map(r -> new CompareRow(r.seq(), r.same(), Step.of(r.left()), Step.of(r.right())))
            .toList(),
        p.nextFrom());
  }
}
