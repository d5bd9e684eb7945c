package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.ApprovalHistoryRow;
import dev.cairn.persistence.store.InterventionRow;
import dev.cairn.persistence.store.RunHistoryRow;
import dev.cairn.persistence.store.StepSummaryRow;
import dev.cairn.persistence.store.StoryRunRow;
import dev.cairn.runtime.engine.Json;
import java.math.BigDecimal;

/** Maps history rows to the auditor API's records. */
final class AuditJson {
  private static final int MICROS_SCALE = 6;

  private AuditJson() {}

  static HistoryEntry entry(RunHistoryRow r) {
    HistoryEntry.Pruned pruned =
        r.prunedAt() == null
            ? null
            : new HistoryEntry.Pruned(r.prunedAt(), r.decisionSha256(), r.outcomeSha256());
    return new HistoryEntry(
        r.seq(),
        r.kind(),
        r.createdAt(),
        r.actor(),
        r.leaseOwner(),
        r.leaseEpoch(),
        json(r.decisionJson()),
        json(r.outcomeJson()),
        pruned,
        r.inputTokens(),
        r.outputTokens(),
        r.costMicros(),
        usd(r.costMicros()),
        r.statusAfter(),
        json(r.stateAfterJson()),
        r.prevHash(),
        r.hash(),
        r.hashAlg());
  }

  /**
   * Micros as a dollar amount with six decimals, e.g. {@code 0.001250}.
   *
   * @param micros millionths of a dollar
   * @return the amount
   */
  static String usd(long micros) {
    return BigDecimal.valueOf(micros, MICROS_SCALE).toPlainString();
  }

  static JsonNode json(String text) {
    return text == null ? null : Json.parse(text);
  }

  static StoryRun run(StoryRunRow r) {
    return new StoryRun(
        r.id(),
        new StoryRun.Agent(
            r.agentName(),
            r.agentVersion(),
            r.specHash(),
            r.publishedBy(),
            r.publishedAt(),
            json(r.specJson())),
        r.submittedBy(),
        r.submittedAt(),
        json(r.inputJson()),
        new StoryRun.Outcome(r.status(), json(r.resultJson()), json(r.errorJson()), r.finishedAt()),
        new StoryRun.Totals(
            r.stepCount(),
            r.modelCalls(),
            r.toolCalls(),
            r.inputTokens(),
            r.outputTokens(),
            r.costMicros(),
            usd(r.costMicros())),
        r.payloadsPrunedAt());
  }

  static StoryStep step(StepSummaryRow r) {
    return new StoryStep(
        r.seq(),
        r.kind(),
        r.action(),
        r.tool(),
        r.createdAt(),
        r.actor(),
        r.statusAfter(),
        r.inputTokens(),
        r.outputTokens(),
        r.costMicros(),
        usd(r.costMicros()),
        r.hash(),
        r.prunedAt() != null);
  }

  static StoryIntervention intervention(InterventionRow r) {
    return new StoryIntervention(
        r.seq(),
        r.kind(),
        r.actor(),
        json(r.payloadJson()),
        r.state(),
        r.outcome(),
        r.appliedSeq(),
        r.createdAt(),
        r.appliedAt());
  }

  static StoryApproval approval(ApprovalHistoryRow r) {
    return new StoryApproval(
        r.id(),
        r.seq(),
        r.toolCallId(),
        r.toolName(),
        r.argumentsHash(),
        r.state(),
        r.requestedAt(),
        r.decidedBy(),
        r.decidedAt(),
        r.reason(),
        r.usedSeq());
  }
}
