package dev.cairn.runtime.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.CheckpointRow;
import dev.cairn.persistence.store.HistoryRow;
import dev.cairn.persistence.store.MessageRow;
import dev.cairn.persistence.store.RunOriginRow;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.CommitMapper;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.ModelPrice;
import dev.cairn.runtime.engine.RetryPolicy;
import dev.cairn.runtime.engine.RunDriver;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.RunStatus;
import dev.cairn.runtime.engine.StepApplier;
import dev.cairn.runtime.engine.StepDecider;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepResult;
import dev.cairn.runtime.engine.ToolRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One replayed step, without a database: a model error refused by an open circuit breaker (never
 * sent, with the breaker's wait) is rebuilt exactly from its record, and a changed record is
 * reported at its field.
 */
class HistoryFoldStepTest {
  private static final Instant AT = Instant.parse("2026-05-01T10:00:00.123456Z");
  private static final FoldEngine ENGINE =
      new FoldEngine(
          new StepDecider(3)::decide,
          new StepApplier(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1))),
          new ToolRules(Map.of()),
          spec -> ModelPrice.FREE);

  private static RunSnapshot submitted() {
    AgentSpec spec =
        new AgentSpec(
            "d",
            null,
            new AgentSpec.ModelSpec("openai", "m", null, null, null),
            List.of(),
            new AgentSpec.Budget(10, 10, 100_000, 3));
    RunOriginRow origin =
        new RunOriginRow(
            UUID.randomUUID(),
            "t",
            "a",
            1,
            Json.write(spec),
            null,
            AT.minusSeconds(5),
            1,
            false,
            List.of(new MessageRow(0, 0, "USER", "hi", null, null, null)));
    return HistoryFold.initial(origin, spec, 1, ENGINE);
  }

  /** What the live engine records for a call the breaker refused. */
  private static HistoryRow recordedRefusal(RunSnapshot run) {
    RunSnapshot claimed = HistoryFold.claimed(run);
    Decision decision = ENGINE.decider().decide(claimed, List.of(), AT, ENGINE.tools());
    RunSnapshot reserved = RunDriver.withReservation(claimed, (Decision.CallModel) decision);
    StepResult result =
        ENGINE
            .applier()
            .apply(
                reserved,
                decision,
                new StepOutcome.ModelError(true, "circuit open", Duration.ofMillis(1500), true),
                AT);
    CheckpointRow cp =
        CommitMapper.toCommit(reserved, result, "n", true, null, AT, AT).checkpoint();
    return new HistoryRow(
        cp.seq(),
        cp.kind(),
        cp.decisionJson(),
        cp.outcomeJson(),
        cp.inputTokens(),
        cp.outputTokens(),
        cp.statusAfter(),
        cp.stateAfterJson(),
        AT,
        cp.hash(),
        null);
  }

  @Test
  void aRefusedCallIsRebuiltFromItsRecord() {
    RunSnapshot run = submitted();
    HistoryRow row = recordedRefusal(run);
    assertThat(Json.parse(row.outcomeJson()).path("notSent").asBoolean()).isTrue();
    assertThat(Json.parse(row.outcomeJson()).path("retryAfterMs").asLong()).isEqualTo(1500);

    var step = HistoryFold.replay(run, row, ENGINE);
    assertThat(step.divergence()).isNull();
    assertThat(step.after().status()).isEqualTo(RunStatus.WAITING);
    assertThat(step.after().control().wakeAt()).isEqualTo(AT.plusMillis(1500));
    assertThat(step.after().usage().modelCalls()).as("a refused call is no attempt").isZero();
  }

  @Test
  void aChangedRecordIsReportedAtItsField() {
    RunSnapshot run = submitted();
    HistoryRow row = recordedRefusal(run);
    String changed =
        Json.parse(row.outcomeJson())
            .deepCopy()
            .toString()
            .replace("\"attempt\":0", "\"attempt\":1");
    HistoryRow tampered =
        new HistoryRow(
            row.seq(),
            row.kind(),
            row.decisionJson(),
            changed,
            row.inputTokens(),
            row.outputTokens(),
            row.statusAfter(),
            row.stateAfterJson(),
            row.createdAt(),
            row.hash(),
            null);
    var step = HistoryFold.replay(run, tampered, ENGINE);
    assertThat(step.divergence()).isNotNull();
    assertThat(step.divergence().seq()).isEqualTo(1);
    assertThat(step.divergence().field()).isEqualTo("outcome.attempt");
    assertThat(step.divergence().recorded()).isEqualTo("1");
    assertThat(step.divergence().replayed()).isEqualTo("0");
  }
}
