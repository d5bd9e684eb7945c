package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Budgets hold against the provider even when a replica dies mid-call: every model call's worst
 * case is reserved durably before the request leaves, and a reservation left by a dead owner is
 * charged before the next call.
 *
 * <p>A runaway agent (every answer asks for the calculator again) with {@code maxModelCalls = 6}:
 * the replica is SIGKILLed while request 5 (or 6, the last allowed) is in flight (its answer is
 * held back), then restarted. The run ends BUDGET_EXCEEDED, the fake server saw at most 6 requests
 * (exactly 6 when the kill took the last one: it is not made again), and the run records 6 model
 * calls (the killed one charged). The token variant kills the replica mid-call under {@code
 * maxTokens}: the tokens recorded, and the tokens the provider billed (every request's usage at the
 * server, the killed one included), never exceed the budget.
 */
class BudgetUnderKillIT {

  private static final String TEST = "BudgetUnderKillIT";
  private static final Duration HELD = Duration.ofSeconds(30);
  private static final Duration QUICK = Duration.ofMillis(200);

  @ParameterizedTest(name = "killed during request {0} of 6")
  @ValueSource(ints = {5, 6})
  void shouldNeverLetTheProviderSeeMoreCallsThanTheBudgetWhenKilledMidCall(int killDuring) {
    int maxCalls = 6;
    try (ScenarioRig rig = ScenarioRig.create(TEST + "-calls-" + killDuring, ScenarioRig.seed())) {
      ScenarioRig.Node a =
          rig.addNode("a", ControlAgent.runaway(n -> n == killDuring ? HELD : QUICK), Map.of());
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client()
            .publishAgent(
                ControlAgent.definition(
                    "{\"maxSteps\":200,\"maxModelCalls\":%d}".formatted(maxCalls)));
        String runId = ControlAgent.submit(a, "runaway");
        killDuringRequest(a, killDuring);
        rig.note(
            "killed a during request %d; run then: %s"
                .formatted(killDuring, RunRow.read(rig.database(), runId)));
        a.startAndAwaitReady();
        RunRow run = awaitSettled(rig, runId);
        rig.note(
            "settled %s: %d model calls recorded, %d requests at the server, %d steps"
                .formatted(run.status(), run.modelCalls(), a.model().callCount(), run.stepCount()));
        rig.writeSummary();

        assertThat(run.status())
            .as("%s: the run's outcome", rig.context())
            .isEqualTo("BUDGET_EXCEEDED");
        assertThat(a.model().callCount())
            .as("%s: requests the provider saw, killed one included", rig.context())
            .isLessThanOrEqualTo(maxCalls);
        if (killDuring == maxCalls) {
          assertThat(a.model().callCount())
              .as("%s: the last allowed call, lost in the kill, is not made again", rig.context())
              .isEqualTo(maxCalls);
        }
        assertThat(run.modelCalls())
            .as("%s: model calls recorded (the killed call charged)", rig.context())
            .isEqualTo(maxCalls);
        assertThat(run.leaseOwner()).as("%s: lease of the finished run", rig.context()).isNull();
        ControlAgent.assertRecordedCleanly(rig, audit);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  @Test
  void shouldNeverSpendMoreTokensThanTheBudgetWhenKilledMidCall() {
    long maxTokens = 6_000;
    int killDuring = 3;
    try (ScenarioRig rig = ScenarioRig.create(TEST + "-tokens", ScenarioRig.seed())) {
      ScenarioRig.Node a =
          rig.addNode("a", ControlAgent.runaway(n -> n == killDuring ? HELD : QUICK), Map.of());
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client()
            .publishAgent(
                ControlAgent.definition(
                    "{\"maxSteps\":400,\"maxModelCalls\":150,\"maxTokens\":%d}"
                        .formatted(maxTokens)));
        String runId = ControlAgent.submit(a, "runaway");
        killDuringRequest(a, killDuring);
        a.startAndAwaitReady();
        RunRow run = awaitSettled(rig, runId);
        List<ChatCall> calls = a.model().calls();
        long billed = calls.stream().mapToLong(BudgetUnderKillIT::usage).sum();
        long answered = billed - usage(calls.get(killDuring - 1));
        rig.note(
            "settled %s: %d tokens recorded; billed %d over %d requests, %d for the answered ones"
                .formatted(run.status(), run.totalTokens(), billed, calls.size(), answered));
        rig.writeSummary();

        assertThat(run.status())
            .as("%s: the run's outcome", rig.context())
            .isEqualTo("BUDGET_EXCEEDED");
        assertThat(run.totalTokens())
            .as("%s: tokens recorded (charged reservations included)", rig.context())
            .isLessThanOrEqualTo(maxTokens);
        assertThat(billed)
            .as(
                "%s: tokens of every request at the server, the killed one's included",
                rig.context())
            .isLessThanOrEqualTo(maxTokens);
        // The killed call's answer never arrived: it is charged at its worst case, at least the
        // output cap sent to the provider (the runtime's default, 4096 tokens).
        assertThat(run.totalTokens() - answered)
            .as("%s: tokens charged for the call lost in the kill", rig.context())
            .isGreaterThanOrEqualTo(4096);
        assertThat(a.model().callCount())
            .as("%s: the run went on after the restart", rig.context())
            .isGreaterThan(killDuring);
        ControlAgent.assertRecordedCleanly(rig, audit);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  /** Waits until the n-th request is in flight at the node's model server, then SIGKILLs it. */
  private static void killDuringRequest(ScenarioRig.Node node, int n) {
    await("request " + n + " in flight")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> node.model().callCount() == n && !node.model().inFlight().isEmpty());
    node.process().kill();
    List<ChatCall> calls = node.model().calls();
    assertThat(calls).as("requests when the node was killed").hasSize(n);
  }

  private static RunRow awaitSettled(ScenarioRig rig, String runId) {
    await("the run settles")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> rig.unsettled().isEmpty());
    return RunRow.read(rig.database(), runId);
  }

  /** The usage the fake server reports for a request (prompt plus completion tokens). */
  private static long usage(ChatCall call) {
    return 10L * call.messages().size() + 5;
  }
}
