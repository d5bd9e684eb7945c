package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a summary call: the answer becomes the run's running summary, the turns it covers leave
 * the snapshot (they stay stored), and the call is charged like any model call. Pure.
 */
final class SummaryApplier {
  /** The checkpoint kind of a summary. */
  static final String KIND = "SUMMARY";

  /** How a failed call is applied (shared with ordinary model calls). */
  @FunctionalInterface
  interface ErrorApplier {
    StepResult apply(
        RunSnapshot run, ObjectNode decision, StepOutcome.ModelError error, Instant now);
  }

  private SummaryApplier() {}

  static StepResult apply(
      RunSnapshot run,
      Decision.SummaryRequest request,
      StepOutcome outcome,
      Instant now,
      ErrorApplier errors) {
    ObjectNode decision = Json.object().put("type", "SUMMARIZE");
    decision.put("provider", run.spec().model().provider());
    decision.put("fromIdx", request.fromIdx());
    decision.put("toIdx", request.toIdx());
    if (outcome instanceof StepOutcome.ModelError error) {
      return errors.apply(run, decision, error, now);
    }
    StepOutcome.ModelAnswer answer = (StepOutcome.ModelAnswer) outcome;
    RunSnapshot.Usage usage =
        new RunSnapshot.Usage(
            run.usage().modelCalls() + 1,
            run.usage().toolCalls(),
            run.usage().inputTokens() + answer.inputTokens(),
            run.usage().outputTokens() + answer.outputTokens());
    long cost = ModelCall.costMicros(answer, run.control().price());
    ConversationSummary summary = summarize(run, request, answer.text());
    List<Message> tail = new ArrayList<>();
    for (Message m : run.messages()) {
      if (m.seq() == 0 || m.idx() > request.toIdx()) {
        tail.add(m);
      }
    }
    RunSnapshot stepped =
        StepApplier.next(
            run,
            RunEvent.STEP,
            usage,
            run.invalidToolCalls(),
            0,
            run.pendingToolCalls(),
            List.of());
    RunSnapshot next =
        StepApplier.addCost(stepped.copy().conversation(tail, summary).build(), cost);
    ObjectNode recorded = Json.object();
    recorded.put("text", summary.text());
    recorded.put("fromIdx", summary.fromIdx());
    recorded.put("toIdx", summary.toIdx());
    recorded.put("costMicros", cost);
    if (answer.call() != null) {
      recorded.set("call", answer.call().toJson());
    }
    return new StepResult(
        next,
        RunEvent.STEP,
        KIND,
        decision,
        recorded,
        answer.inputTokens(),
        answer.outputTokens(),
        List.of(),
        null,
        null,
        now,
        null,
        null);
  }

  /** The new running summary: the previous one's range extended to the request's end. */
  private static ConversationSummary summarize(
      RunSnapshot run, Decision.SummaryRequest request, String text) {
    ConversationSummary previous = run.summary();
    int turns = previous == null ? 0 : previous.assistantTurns();
    for (Message m : run.messages()) {
      if (m.idx() >= request.fromIdx()
          && m.idx() <= request.toIdx()
          && m.role() == Message.Role.ASSISTANT) {
        turns++;
      }
    }
    int from = previous == null ? request.fromIdx() : previous.fromIdx();
    return new ConversationSummary(
        run.nextSeq(), from, request.toIdx(), text == null ? "" : text, turns);
  }
}
