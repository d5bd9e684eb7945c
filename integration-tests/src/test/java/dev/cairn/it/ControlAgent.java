package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The agents of the operator-control scenarios (pause, cancel, budgets, provider back-off): one
 * calculator tool, a model on the scenario's fake server, and a budget the scenario chooses.
 * Answers are delayed by request number (the n-th request the responder answers, from 1, counted
 * over the server's life, so across restarts of the node that uses it).
 */
final class ControlAgent {

  static final String NAME = "control";

  private ControlAgent() {}

  /**
   * The agent definition to publish.
   *
   * @param budgetJson the budget object, e.g. {@code {"maxSteps":100,"maxModelCalls":6}}
   */
  static String definition(String budgetJson) {
    return """
    {"name":"%s","systemPrompt":"You are a test agent.",
     "model":{"provider":"openai","name":"fake-model"},
     "tools":["calculator"],"budget":%s}
    """
        .formatted(NAME, budgetJson);
  }

  /**
   * The agent definition to publish, with tool approvals.
   *
   * @param budgetJson the budget object
   * @param approvalsJson the approvals object, e.g. {@code {"tools":["calculator"]}}
   */
  static String definition(String budgetJson, String approvalsJson) {
    return """
    {"name":"%s","systemPrompt":"You are a test agent.",
     "model":{"provider":"openai","name":"fake-model"},
     "tools":["calculator"],"budget":%s,"approvals":%s}
    """
        .formatted(NAME, budgetJson, approvalsJson);
  }

  /**
   * A model that asks for the calculator {@code toolTurns} times, then answers {@code done}: a run
   * makes {@code toolTurns + 1} model calls and {@code 2 * toolTurns + 1} steps. Decides by the
   * conversation, so a repeated call gets the same answer.
   */
  static FakeOpenAiServer.Responder calculatorTurns(int toolTurns, IntFunction<Duration> delay) {
    AtomicInteger requests = new AtomicInteger();
    return call -> {
      Reply reply =
          call.toolResultCount() < toolTurns
              ? Reply.toolCall("calculator", "{\"expression\":\"6*7\"}")
              : Reply.text("done");
      return reply.withDelay(delay.apply(requests.incrementAndGet()));
    };
  }

  /** A runaway model: every answer asks for the calculator again; the run never ends by itself. */
  static FakeOpenAiServer.Responder runaway(IntFunction<Duration> delay) {
    return calculatorTurns(Integer.MAX_VALUE, delay);
  }

  /** Submits one run of the agent through the node's API; returns its id. */
  static String submit(ScenarioRig.Node via, String input) {
    return via.client().submitRun(NAME, "\"" + input + "\"");
  }

  /**
   * The record checks every control scenario ends with, whatever the run's outcome: contiguous seqs
   * (I-2), at most one terminal checkpoint, the run's last (I-4), no double ownership (I-5), and,
   * when installed, no checkpoint committed under a lease the run no longer held.
   */
  static void assertRecordedCleanly(ScenarioRig rig, LeaseAudit audit) {
    Invariants invariants = new Invariants(rig.database(), rig.context());
    invariants.assertCheckpointsContiguous();
    invariants.assertRecordedExactlyOnce();
    invariants.assertNoDoubleOwnership();
    if (audit != null) {
      audit.assertNoStaleWrites(rig.context());
    }
    assertThat(
            Sql.rows(
                rig.database(),
                "SELECT run_id, seq, kind, state FROM operator_command WHERE state = 'PENDING'"))
        .as("%s: operator commands never applied nor refused", rig.context())
        .isEmpty();
  }
}
