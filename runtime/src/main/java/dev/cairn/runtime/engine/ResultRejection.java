package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A final answer that does not match the run's result schema: it is not the run's result. The step
 * is a MODEL_CALL checkpoint like any answer, and its outcome records the errors. While retries
 * remain the model is told what was wrong (a user message in the same step) and the run goes on;
 * after that the run fails with the errors as its reason. Pure, like the applier it serves.
 */
final class ResultRejection {
  private ResultRejection() {}

  /**
   * What the applier already made of the answer.
   *
   * @param decision the checkpoint's decision
   * @param recorded the checkpoint's outcome so far
   * @param usage usage with this call counted
   * @param cost this call's cost
   */
  record Answer(ObjectNode decision, ObjectNode recorded, RunSnapshot.Usage usage, long cost) {}

  /**
   * Applies a rejected final answer.
   *
   * @param run the run before the step
   * @param wanted the result spec
   * @param verdict why the answer was rejected
   * @param answer what the applier made of it
   * @param message the assistant message of the answer
   * @param model the model's answer
   * @param now the commit time
   * @return the step's result
   */
  static StepResult apply(
      RunSnapshot run,
      AgentSpec.ResultSpec wanted,
      ResultSchemas.Verdict verdict,
      Answer answer,
      Message message,
      StepOutcome.ModelAnswer model,
      Instant now) {
    int attempt = ResultFeedback.rejectedInARow(run) + 1;
    ObjectNode check = answer.recorded().putObject("resultCheck");
    check.put("attempt", attempt);
    check.put("maxRetries", wanted.maxRetries());
    ArrayNode errors = check.putArray("errors");
    verdict.errors().forEach(errors::add);
    boolean retry = attempt <= wanted.maxRetries();
    RunEvent event = retry ? RunEvent.STEP : RunEvent.FAIL;
    List<Message> appended = List.of(message);
    JsonNode error = null;
    if (retry) {
      Message feedback =
          new Message(
              message.idx() + 1,
              run.nextSeq(),
              Message.Role.USER,
              ResultFeedback.text(verdict.errors()),
              List.of(),
              null,
              null);
      appended = List.of(message, feedback);
    } else {
      String reason = ResultFeedback.failure(attempt, verdict.errors());
      check.put("failed", reason);
      error = Json.object().put("code", RunStatus.FAILED.name()).put("message", reason);
    }
    RunSnapshot next =
        StepApplier.addCost(
            StepApplier.next(
                run, event, answer.usage(), run.invalidToolCalls(), 0, List.of(), appended),
            answer.cost());
    return new StepResult(
        next,
        event,
        "MODEL_CALL",
        answer.decision(),
        answer.recorded(),
        model.inputTokens(),
        model.outputTokens(),
        appended,
        null,
        null,
        now,
        null,
        error);
  }
}
