package dev.cairn.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.persistence.store.CommandRow;
import dev.cairn.persistence.store.RunControl;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandChecksTest {
  private static CommandRow pending(String kind, String payload) {
    return new CommandRow(
        UUID.randomUUID(),
        UUID.randomUUID(),
        1,
        kind,
        "PENDING",
        payload,
        "test",
        Instant.EPOCH,
        null,
        null,
        null);
  }

  @Test
  void shouldProjectThePendingCommandsSkippingConflicts() {
    List<CommandRow> pending = new ArrayList<>();
    pending.add(pending("PAUSE", "{}"));
    pending.add(pending("PAUSE", "{}")); // conflicts with PAUSED: the engine rejects it
    assertThat(CommandChecks.projected(RunStatus.RUNNING, pending)).isEqualTo(RunStatus.PAUSED);
    pending.add(pending("RESUME", "{}"));
    assertThat(CommandChecks.projected(RunStatus.RUNNING, pending)).isEqualTo(RunStatus.RUNNING);
    pending.add(pending("CANCEL", "{}"));
    pending.add(pending("RESUME", "{}"));
    assertThat(CommandChecks.projected(RunStatus.RUNNING, pending)).isEqualTo(RunStatus.CANCELLED);
    assertThat(CommandChecks.projected(RunStatus.FAILED, List.of())).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void shouldNameTheProjectedStatusInAConflict() {
    RunControl run = new RunControl("WAITING", "APPROVAL", 2, null);
    assertThatThrownBy(
            () ->
                CommandChecks.check(
                    new CommandRequest.Plain(CommandKind.RESUME),
                    run,
                    List.of(pending("CANCEL", "{}")),
                    List.of()))
        .isInstanceOfSatisfying(
            CairnException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.getMessage()).isEqualTo("cannot resume a run that is CANCELLED");
            });
  }

  @Test
  void shouldFoldPendingRaisesIntoTheBudget() {
    String budget =
        "{\"maxSteps\":100,\"maxModelCalls\":50,\"maxTokens\":1000,\"maxInvalidToolCalls\":3}";
    var effective =
        CommandChecks.effectiveBudget(
            budget, List.of(pending("RAISE_BUDGET", "{\"maxSteps\":300,\"maxCostMicros\":5}")));
    assertThat(effective.maxSteps()).isEqualTo(300);
    assertThat(effective.maxTokens()).isEqualTo(1000);
    assertThat(effective.maxCostMicros()).isNull();
    assertThat(CommandChecks.effectiveBudget(null, List.of()).maxSteps()).isEqualTo(100);
  }

  @Test
  void shouldRefuseUnsafeSteeringText() {
    RunControl run = new RunControl("RUNNING", null, 1, null);
    assertThatThrownBy(
            () ->
                CommandChecks.check(
                    new CommandRequest.Steer("a\u0000b"), run, List.of(), List.of()))
        .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.status()).isEqualTo(400));
  }
}
