package dev.cairn.runtime.engine;

import static dev.cairn.runtime.engine.RunBuilder.aRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Operator commands folded into a run as one step, each checked against the run's real status. */
class CommandApplierTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
  private final StepApplier applier =
      new StepApplier(
          new RetryPolicy(3, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30)));
  private long seq;

  private OperatorCommand command(CommandKind kind, String payload) {
    return new OperatorCommand(UUID.randomUUID(), ++seq, kind, Json.parse(payload), "op@test");
  }

  private StepResult apply(RunSnapshot run, OperatorCommand... commands) {
    return applier.apply(
        run, new Decision.ApplyCommands(List.of(commands), null), new StepOutcome.Nothing(), NOW);
  }

  private static List<String> states(StepResult r) {
    return r.control().commands().stream().map(ControlChanges.CommandResult::state).toList();
  }

  @Test
  void pausesAndCancelsARunThatHasNotStarted() {
    StepResult paused =
        apply(aRun().status(RunStatus.QUEUED).build(), command(CommandKind.PAUSE, "{}"));
    StepResult cancelled =
        apply(aRun().status(RunStatus.QUEUED).build(), command(CommandKind.CANCEL, "{}"));

    assertThat(paused.next().status()).isEqualTo(RunStatus.PAUSED);
    assertThat(paused.next().control().attention()).isEqualTo("paused by op@test");
    assertThat(cancelled.next().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.error().get("message").asText()).isEqualTo("cancelled by op@test");
    assertThat(paused.kind()).isEqualTo("COMMANDS");
  }

  @Test
  void pausesAndCancelsAWaitingRun() {
    RunSnapshot waiting = aRun().waiting("RETRY_BACKOFF", NOW.plusSeconds(30)).build();

    assertThat(apply(waiting, command(CommandKind.PAUSE, "{}")).next().status())
        .isEqualTo(RunStatus.PAUSED);
    assertThat(apply(waiting, command(CommandKind.CANCEL, "{}")).next().status())
        .isEqualTo(RunStatus.CANCELLED);
    StepResult steered = apply(waiting, command(CommandKind.STEER, "{\"text\":\"hi\"}"));
    // Steering leaves the wait as it was.
    assertThat(steered.next().status()).isEqualTo(RunStatus.WAITING);
    assertThat(steered.wakeAt()).isEqualTo(NOW.plusSeconds(30));
    assertThat(steered.waitReason()).isEqualTo("RETRY_BACKOFF");
  }

  @Test
  void resumesOrCancelsAPausedRunAndAppliesCommandsInOrder() {
    RunSnapshot paused = aRun().status(RunStatus.PAUSED).build();

    StepResult resumed =
        apply(
            paused,
            command(CommandKind.STEER, "{\"text\":\"be brief\"}"),
            command(CommandKind.RESUME, "{}"));
    assertThat(resumed.next().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(resumed.newMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.role()).isEqualTo(Message.Role.SYSTEM);
              assertThat(m.content()).endsWith("be brief");
            });
    // Running again: the next model call's worst case is reserved in this very commit.
    assertThat(resumed.next().control().reserved().calls()).isEqualTo(1);

    StepResult cancelThenResume =
        apply(paused, command(CommandKind.CANCEL, "{}"), command(CommandKind.RESUME, "{}"));
    assertThat(cancelThenResume.next().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(states(cancelThenResume)).containsExactly("APPLIED", "REJECTED");
    assertThat(cancelThenResume.control().commands().get(1).outcome())
        .isEqualTo("cannot resume a run that is CANCELLED");
  }

  @Test
  void reconcilesAnUncertainCallAndTellsTheModel() {
    ToolCallRequest charge = new ToolCallRequest("c1", "charge", "{}");
    RunSnapshot stuck = aRun().status(RunStatus.NEEDS_RECONCILIATION).pending(charge).build();

    StepResult r =
        apply(stuck, command(CommandKind.RECONCILE, "{\"happened\":false,\"note\":\"refunded\"}"));

    assertThat(r.next().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(r.next().pendingToolCalls()).isEmpty();
    assertThat(r.newMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.role()).isEqualTo(Message.Role.TOOL);
              assertThat(m.toolCallId()).isEqualTo("c1");
              assertThat(m.content()).contains("did not take effect").contains("refunded");
            });
    assertThat(r.control().reconciledIntent().error()).isTrue();
    assertThat(apply(stuck, command(CommandKind.CANCEL, "{}")).next().status())
        .isEqualTo(RunStatus.CANCELLED);
    StepResult cancelled = apply(stuck, command(CommandKind.CANCEL, "{}"));
    assertThat(cancelled.error().at("/report/uncertainEffects/0/tool").asText())
        .isEqualTo("charge");
  }

  @Test
  void retriesFailedAndQuarantinedRunsButNotCompletedOnes() {
    for (RunStatus status : List.of(RunStatus.FAILED, RunStatus.QUARANTINED)) {
      StepResult r =
          apply(aRun().status(status).retryAttempt(3).build(), command(CommandKind.RETRY, "{}"));
      assertThat(r.next().status()).as("%s", status).isEqualTo(RunStatus.RUNNING);
      assertThat(r.next().retryAttempt()).isZero();
      assertThat(r.error()).isNull();
    }
    StepResult done =
        apply(aRun().status(RunStatus.COMPLETED).build(), command(CommandKind.RETRY, "{}"));
    assertThat(done.next().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(states(done)).containsExactly("REJECTED");
  }

  @Test
  void approvalAppliesOnlyToTheHashedArgumentsAndWakesTheRunWhenNoneIsLeft() {
    ToolCallRequest call = new ToolCallRequest("c1", "webhook", "{\"event\":\"x\"}");
    UUID runId = aRun().build().id();
    String hash = Approvals.hash(runId, 1, call);
    ToolApproval pending =
        new ToolApproval(UUID.randomUUID(), 1, "c1", "webhook", hash, ToolApproval.PENDING, null);
    RunSnapshot waiting =
        aRun()
            .steps(1)
            .pending(call)
            .requireApproval(new AgentSpec.Approvals(List.of("webhook"), false))
            .approval(pending)
            .waiting("APPROVAL", StepApplier.NEVER)
            .build();

    StepResult wrongHash =
        apply(
            waiting,
            command(
                CommandKind.APPROVE,
                "{\"approvalId\":\"" + pending.id() + "\",\"argumentsHash\":\"abc\"}"));
    assertThat(states(wrongHash)).containsExactly("REJECTED");
    assertThat(wrongHash.next().status()).isEqualTo(RunStatus.WAITING);

    StepResult approved =
        apply(
            waiting,
            command(
                CommandKind.APPROVE,
                "{\"approvalId\":\"" + pending.id() + "\",\"argumentsHash\":\"" + hash + "\"}"));
    assertThat(states(approved)).containsExactly("APPLIED");
    assertThat(approved.next().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(approved.control().approvalUpdates())
        .singleElement()
        .satisfies(u -> assertThat(u.state()).isEqualTo("APPROVED"));
    // The approved call runs next, using its approval.
    Decision next = new StepDecider(5).decide(approved.next(), List.of(), NOW, TestTools.rules());
    assertThat(next)
        .isInstanceOfSatisfying(
            Decision.CallTool.class, t -> assertThat(t.approvalId()).isEqualTo(pending.id()));
  }

  @Test
  void raisesBudgetLimitsButNeverLowersThem() {
    RunSnapshot run =
        aRun().status(RunStatus.PAUSED).budget(new AgentSpec.Budget(10, 5, 1000, 3)).build();

    StepResult r =
        apply(run, command(CommandKind.RAISE_BUDGET, "{\"maxSteps\":20,\"maxModelCalls\":2}"));

    assertThat(r.next().control().budget().maxSteps()).isEqualTo(20);
    assertThat(r.next().control().budget().maxModelCalls()).isEqualTo(5);
  }

  @Test
  void deciderAsksForOneApprovalPerCallAndToldTheModelOfARejection() {
    ToolCallRequest first = new ToolCallRequest("c1", "webhook", "{\"event\":\"a\"}");
    ToolCallRequest second = new ToolCallRequest("c2", "webhook", "{\"event\":\"b\"}");
    RunSnapshot run =
        aRun()
            .steps(1)
            .pending(first, second)
            .requireApproval(new AgentSpec.Approvals(List.of("webhook"), false))
            .build();
    StepDecider decider = new StepDecider(5);

    Decision d = decider.decide(run, List.of(), NOW, TestTools.rules());
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.AwaitApproval.class,
            a -> assertThat(a.calls()).containsExactly(first, second));
    StepResult waiting = applier.apply(run, d, new StepOutcome.Nothing(), NOW);
    assertThat(waiting.next().status()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.control().newApprovals()).hasSize(2);
    assertThat(waiting.control().newApprovals().get(0).argumentsHash())
        .isNotEqualTo(waiting.control().newApprovals().get(1).argumentsHash());

    // An approval recorded for other arguments does not apply: the call waits again.
    ToolApproval forOtherArguments =
        new ToolApproval(
            UUID.randomUUID(),
            2,
            "c1",
            "webhook",
            Approvals.hash(run.id(), 2, new ToolCallRequest("c1", "webhook", "{\"event\":\"z\"}")),
            ToolApproval.APPROVED,
            null);
    RunSnapshot replayed =
        aRun()
            .steps(2)
            .pending(first)
            .approval(forOtherArguments)
            .requireApproval(new AgentSpec.Approvals(List.of("webhook"), false))
            .build();
    assertThat(decider.decide(replayed, List.of(), NOW, TestTools.rules()))
        .isInstanceOf(Decision.AwaitApproval.class);

    ToolApproval rejected =
        new ToolApproval(
            UUID.randomUUID(),
            2,
            "c1",
            "webhook",
            Approvals.hash(run.id(), 2, first),
            ToolApproval.REJECTED,
            "not today");
    RunSnapshot refused =
        aRun()
            .steps(2)
            .pending(first)
            .approval(rejected)
            .requireApproval(new AgentSpec.Approvals(List.of(), true))
            .build();
    Decision r = decider.decide(refused, List.of(), NOW, TestTools.rules());
    assertThat(r)
        .isInstanceOfSatisfying(
            Decision.RejectToolCall.class,
            x -> assertThat(x.reason()).isEqualTo("an operator rejected this call: not today"));
    StepResult told = applier.apply(refused, r, new StepOutcome.Nothing(), NOW);
    assertThat(told.next().invalidToolCalls()).isZero();
    assertThat(told.control().approvalUpdates())
        .singleElement()
        .satisfies(u -> assertThat(u.state()).isEqualTo("USED"));
  }

  @Test
  void aRunPausedDuringARetryBackoffWaitsOutTheRestWhenResumedEarly() {
    RunSnapshot backingOff =
        aRun().retryAttempt(1).waiting("RETRY_BACKOFF", NOW.plusSeconds(30)).build();

    StepResult paused = apply(backingOff, command(CommandKind.PAUSE, "{}"));
    assertThat(paused.next().status()).isEqualTo(RunStatus.PAUSED);
    assertThat(paused.wakeAt()).isEqualTo(NOW.plusSeconds(30));

    StepResult early = apply(paused.next(), command(CommandKind.RESUME, "{}"));
    assertThat(early.next().status()).isEqualTo(RunStatus.WAITING);
    assertThat(early.waitReason()).isEqualTo("RETRY_BACKOFF");
    assertThat(early.wakeAt()).isEqualTo(NOW.plusSeconds(30));

    RunSnapshot pausedLong =
        aRun()
            .status(RunStatus.PAUSED)
            .build()
            .withControl(paused.next().control().withWait("RETRY_BACKOFF", NOW.minusSeconds(1)));
    StepResult late = apply(pausedLong, command(CommandKind.RESUME, "{}"));
    assertThat(late.next().status()).isEqualTo(RunStatus.RUNNING);
  }
}
