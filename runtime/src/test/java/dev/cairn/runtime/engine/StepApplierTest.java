package dev.cairn.runtime.engine;

import static dev.cairn.runtime.engine.RunBuilder.aRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.tools.SideEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepApplierTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private final StepApplier applier =
      new StepApplier(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));

  @Test
  void shouldKeepRunningWithPendingCallsWhenTheModelAsksForTools() {
    ToolCallRequest call = new ToolCallRequest("c1", "calculator", "{\"expression\":\"1\"}");
    StepResult r =
        applier.apply(
            aRun().build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelAnswer(null, List.of(call), 10, 3),
            NOW);
    assertThat(r.next().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(r.next().pendingToolCalls()).containsExactly(call);
    assertThat(r.next().stepCount()).isEqualTo(1);
    assertThat(r.next().usage()).isEqualTo(new RunSnapshot.Usage(1, 0, 10, 3));
    assertThat(r.newMessages())
        .singleElement()
        .extracting(Message::role)
        .isEqualTo(Message.Role.ASSISTANT);
    assertThat(r.result()).isNull();
  }

  @Test
  void shouldCompleteWithTheFinalAnswer() {
    StepResult r =
        applier.apply(
            aRun().steps(4).build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelAnswer("42", List.of(), 5, 1),
            NOW);
    assertThat(r.next().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.result().get("text").asText()).isEqualTo("42");
    assertThat(r.next().stepCount()).isEqualTo(5);
  }

  @Test
  void shouldWaitWithBackoffAfterARetryableModelError() {
    StepResult r =
        applier.apply(
            aRun().build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelError(true, "429", Duration.ofSeconds(7), false),
            NOW);
    assertThat(r.next().status()).isEqualTo(RunStatus.WAITING);
    assertThat(r.waitReason()).isEqualTo("RETRY_BACKOFF");
    assertThat(r.wakeAt()).isAfterOrEqualTo(NOW.plusSeconds(7));
    assertThat(r.next().retryAttempt()).isEqualTo(1);
    assertThat(r.next().usage().modelCalls()).isEqualTo(1);
    assertThat(r.kind()).isEqualTo("MODEL_ERROR");
  }

  @Test
  void shouldWaitWithoutCountingAnAttemptWhenTheRequestWasNotSent() {
    StepResult r =
        applier.apply(
            aRun().retryAttempt(2).build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelError(true, "breaker open", Duration.ofMillis(2500), true),
            NOW);
    assertThat(r.next().status()).isEqualTo(RunStatus.WAITING);
    assertThat(r.event()).isEqualTo(RunEvent.WAIT_FOR_RETRY);
    assertThat(r.wakeAt()).isEqualTo(NOW.plusMillis(2500));
    assertThat(r.next().retryAttempt()).isEqualTo(2);
    assertThat(r.next().usage().modelCalls()).isZero();
    assertThat(r.error()).isNull();
  }

  @Test
  void shouldPauseWhenAttemptsAreUsedUpAndFailWhenToldToOrTheErrorIsPermanent() {
    StepResult exhausted =
        applier.apply(
            aRun().retryAttempt(2).build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelError(true, "500", null, false),
            NOW);
    StepResult permanent =
        applier.apply(
            aRun().build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelError(false, "401", null, false),
            NOW);
    StepResult exhaustedFailing =
        applier.apply(
            aRun()
                .retryAttempt(2)
                .budget(new AgentSpec.Budget(100, 50, 1_000_000, 3, null, null, null, "fail"))
                .build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelError(true, "500", null, false),
            NOW);
    // Transient errors that outlast the retries pause the run for an operator by default.
    assertThat(exhausted.next().status()).isEqualTo(RunStatus.PAUSED);
    assertThat(exhausted.next().control().attention()).contains("failed 3 times");
    assertThat(exhausted.error()).isNull();
    assertThat(exhaustedFailing.next().status()).isEqualTo(RunStatus.FAILED);
    assertThat(exhaustedFailing.error().get("attempts").asInt()).isEqualTo(3);
    assertThat(permanent.next().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void shouldResetTheAttemptCounterAfterAnAnswer() {
    StepResult r =
        applier.apply(
            aRun().retryAttempt(2).build(),
            new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false),
            new StepOutcome.ModelAnswer("ok", List.of(), 1, 1),
            NOW);
    assertThat(r.next().retryAttempt()).isZero();
  }

  @Test
  void shouldRecordAToolResultAndDropTheCallFromPending() {
    ToolCallRequest first = new ToolCallRequest("a", "webhook", "{}");
    ToolCallRequest second = new ToolCallRequest("b", "calculator", "{\"expression\":\"1\"}");
    StepResult r =
        applier.apply(
            aRun().steps(1).pending(first, second).build(),
            new Decision.CallTool(first, SideEffect.IDEMPOTENT, false),
            new StepOutcome.ToolOutput("sent", false),
            NOW);
    assertThat(r.next().pendingToolCalls()).containsExactly(second);
    assertThat(r.toolCall().output()).isEqualTo("sent");
    assertThat(r.decision().get("idempotencyKey").asText())
        .isEqualTo("00000000-0000-0000-0000-000000000001:2");
    assertThat(r.newMessages().getFirst().toolCallId()).isEqualTo("a");
    assertThat(r.next().usage().toolCalls()).isEqualTo(1);
  }

  @Test
  void shouldTellTheModelAboutARejectedCall() {
    ToolCallRequest bad = new ToolCallRequest("a", "rm_rf", "{}");
    StepResult r =
        applier.apply(
            aRun().pending(bad).build(),
            new Decision.RejectToolCall(bad, "unknown tool 'rm_rf'"),
            new StepOutcome.Nothing(),
            NOW);
    assertThat(r.next().invalidToolCalls()).isEqualTo(1);
    assertThat(r.next().pendingToolCalls()).isEmpty();
    assertThat(r.newMessages().getFirst().content()).contains("unknown tool 'rm_rf'");
    assertThat(r.toolCall()).isNull();
  }

  @Test
  void shouldStopWithTheStatusOfTheEvent() {
    StepResult r =
        applier.apply(
            aRun().build(),
            new Decision.Stop(RunEvent.NEED_RECONCILIATION, "unknown outcome"),
            new StepOutcome.Nothing(),
            NOW);
    assertThat(r.next().status()).isEqualTo(RunStatus.NEEDS_RECONCILIATION);
    assertThat(r.error().get("message").asText()).isEqualTo("unknown outcome");
  }

  @Test
  void shouldBackOffExponentiallyWithinBoundsAndHonourRetryAfter() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30));
    RunSnapshot run = aRun().build();
    assertThat(policy.backoff(run.id(), 1, null))
        .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(policy.backoff(run.id(), 3, null))
        .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(policy.backoff(run.id(), 30, null))
        .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    assertThat(policy.backoff(run.id(), 1, Duration.ofSeconds(20)))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void shouldQuarantineARunWhoseStepKeepsCrashingTheRuntimeAndNameTheReason() {
    RunSnapshot crashing = aRun().steps(3).recoveries(6).build();
    Decision decision = new StepDecider(5).decide(crashing, List.of(), NOW, TestTools.rules());

    StepResult r = applier.apply(crashing, decision, new StepOutcome.Nothing(), NOW);

    assertThat(r.next().status()).isEqualTo(RunStatus.QUARANTINED);
    assertThat(r.next().control().attention()).contains("6 times in a row");
    assertThat(r.error().get("code").asText()).isEqualTo("QUARANTINED");
    assertThat(r.next().stepCount()).isEqualTo(4);
  }
}
