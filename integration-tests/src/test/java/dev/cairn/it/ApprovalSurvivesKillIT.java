package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pending approvals are durable and hold nothing: the model's first answer asks for two calculator
 * calls at once, and the agent needs an operator's approval for the calculator. With both approvals
 * PENDING, the replica is SIGKILLed and restarted twice; after each restart, for several lease
 * TTLs, the approvals are still PENDING, the run still WAITING (reason APPROVAL) with no lease, no
 * model request reaches the fake server and no tool runs. Approving the first call with the second
 * call's hash is refused (409) and records nothing; approving it with its own hash is applied, and
 * the run still waits for the second (approving the first again: 409). One more SIGKILL and restart
 * changes nothing; approving the second call lets the run go on: each call runs exactly once, both
 * approvals are USED (approving one again while the run waits for its last, slow model answer:
 * 409), the run completes (approving again: 409), and the record is clean.
 */
class ApprovalSurvivesKillIT {

  private static final String TEST = "ApprovalSurvivesKillIT";
  private static final String BUDGET = "{\"maxSteps\":50}";
  private static final String APPROVALS = "{\"tools\":[\"calculator\"]}";
  private static final List<String> EXPRESSIONS = List.of("1+1", "2+2");
  private static final int RESTARTS_BEFORE_APPROVING = 2;

  /** How long the model takes to answer once both results are in. */
  private static final Duration LAST_ANSWER = Duration.ofSeconds(6);

  /**
   * More than two lease TTLs (3 s each, see {@link RuntimeProcess}) and several reaper rounds (1 s)
   * after each restart: a waiting run taken by mistake would show meanwhile.
   */
  private static final Duration WATCH = Duration.ofSeconds(7);

  @Test
  void shouldKeepPendingApprovalsAcrossKillsAndRunEachApprovedCallOnce() {
    try (ScenarioRig rig = ScenarioRig.create(TEST, ScenarioRig.seed())) {
      ScenarioRig.Node a = rig.addNode("a", twoCallsThenDone(), Map.of());
      OperatorCommands commands = new OperatorCommands(rig.database());
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client().publishAgent(ControlAgent.definition(BUDGET, APPROVALS));
        String runId = ControlAgent.submit(a, "approve me");
        commands.signIn(a);

        await("two pending approvals")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> commands.approvals(a, runId).size() == 2);
        List<JsonNode> pending = commands.approvals(a, runId);
        assertThat(pending)
            .as("%s: the approvals (%s)", rig.context(), pending)
            .extracting(approval -> approval.path("state").asText())
            .containsOnly("PENDING");
        assertThat(pending)
            .as("%s: one approval per call, for the calculator", rig.context())
            .extracting(approval -> approval.path("tool").asText())
            .containsOnly("calculator");
        assertThat(pending)
            .extracting(approval -> approval.path("arguments").path("expression").asText())
            .as("%s: the calls' arguments", rig.context())
            .containsExactlyInAnyOrderElementsOf(EXPRESSIONS);
        String first = pending.get(0).path("id").asText();
        String second = pending.get(1).path("id").asText();
        String firstHash = pending.get(0).path("argumentsHash").asText();
        String secondHash = pending.get(1).path("argumentsHash").asText();
        assertThat(firstHash).as("%s: the calls' hashes", rig.context()).isNotEqualTo(secondHash);
        RunRow waiting = RunRow.read(rig.database(), runId);
        assertWaiting(rig, waiting);
        rig.note(
            "waiting for approval at step %d after %d model request(s): %s"
                .formatted(waiting.stepCount(), a.model().callCount(), render(pending)));
        assertThat(a.model().callCount())
            .as("%s: model requests before any decision", rig.context())
            .isEqualTo(1);
        assertThat(toolInvocations(rig, runId))
            .as("%s: tools run before any decision", rig.context())
            .isEmpty();

        for (int restart = 1; restart <= RESTARTS_BEFORE_APPROVING; restart++) {
          killAndRestart(a);
          watchStillWaiting(
              rig, a, commands, runId, waiting, Map.of(first, "PENDING", second, "PENDING"));
          rig.note(
              "restart %d (a#%d): both approvals PENDING, WAITING without a lease, no model"
                      .formatted(restart, a.process().incarnations())
                  + " request, no tool run");
        }

        // The other call's hash does not approve this one, and the refusal records nothing.
        HttpResponse<String> wrongHash = commands.approve(a, runId, first, secondHash);
        assertThat(wrongHash.statusCode())
            .as("%s: approving with the other call's hash (%s)", rig.context(), wrongHash.body())
            .isEqualTo(409);
        assertThat(wrongHash.body())
            .as("%s: why the approval was refused", rig.context())
            .contains("the arguments changed");
        assertThat(commands.of(runId))
            .as("%s: commands after the refused approval", rig.context())
            .isEmpty();

        String approveFirst =
            commands.accepted(commands.approve(a, runId, first, firstHash), runId, "APPROVE");
        await("the first approval is applied")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !"PENDING".equals(commands.state(approveFirst)));
        assertThat(commands.state(approveFirst))
            .as("%s: the first approval (%s)", rig.context(), commands.of(runId))
            .isEqualTo("APPLIED");
        RunRow halfApproved = RunRow.read(rig.database(), runId);
        Map<String, String> afterFirst = Map.of(first, "APPROVED", second, "PENDING");
        assertThat(states(commands.approvals(a, runId)))
            .as("%s: approvals after the first was approved", rig.context())
            .isEqualTo(afterFirst);
        assertWaiting(rig, halfApproved);
        HttpResponse<String> twice = commands.approve(a, runId, first, firstHash);
        assertThat(twice.statusCode())
            .as("%s: approving the approved call again (%s)", rig.context(), twice.body())
            .isEqualTo(409);
        assertThat(twice.body())
            .as("%s: why the second approval was refused", rig.context())
            .contains("already APPROVED");
        watchStillWaiting(rig, a, commands, runId, halfApproved, afterFirst);
        rig.note(
            "first call approved (step %d): still WAITING, no model request, no tool run"
                .formatted(halfApproved.stepCount()));

        killAndRestart(a);
        watchStillWaiting(rig, a, commands, runId, halfApproved, afterFirst);
        rig.note(
            "restart %d (a#%d): first APPROVED, second PENDING, still WAITING without a lease"
                .formatted(RESTARTS_BEFORE_APPROVING + 1, a.process().incarnations()));

        Instant approvedAt = Instant.now();
        String approveSecond =
            commands.accepted(commands.approve(a, runId, second, secondHash), runId, "APPROVE");
        // Both calls run, then the model takes its time: the approvals are USED while the run
        // is still going, and a used approval is not given again.
        await("both approvals used, the run going on")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    Map.of(first, "USED", second, "USED")
                        .equals(states(commands.approvals(a, runId))));
        HttpResponse<String> reusedWhileRunning = commands.approve(a, runId, first, firstHash);
        String statusWhenReused = RunRow.status(rig.database(), runId);
        rig.note(
            "approvals USED, run %s; approving the first again: %d %s"
                .formatted(
                    statusWhenReused, reusedWhileRunning.statusCode(), reusedWhileRunning.body()));
        assertThat(statusWhenReused)
            .as("%s: the run is still going (the last answer takes %s)", rig.context(), LAST_ANSWER)
            .isEqualTo("RUNNING");
        assertThat(reusedWhileRunning.statusCode())
            .as("%s: approving a used approval of a live run", rig.context())
            .isEqualTo(409);
        assertThat(reusedWhileRunning.body())
            .as("%s: why the reused approval was refused", rig.context())
            .contains("already USED");
        await("the run completes")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> "COMPLETED".equals(RunRow.status(rig.database(), runId)));
        RunRow done = RunRow.read(rig.database(), runId);
        List<String> invocations = toolInvocations(rig, runId);
        rig.note(
            "completed %s after the second approval: %d steps, %d model requests; tools %s"
                .formatted(
                    Incarnation.seconds(Duration.between(approvedAt, Instant.now())),
                    done.stepCount(),
                    a.model().callCount(),
                    invocations));

        assertThat(commands.state(approveSecond))
            .as("%s: the second approval (%s)", rig.context(), commands.of(runId))
            .isEqualTo("APPLIED");
        assertThat(
                Sql.column(
                    rig.database(),
                    "SELECT concat_ws(' | ', tool_name, arguments->>'expression', status,"
                        + " attempts, is_error::text)"
                        + " FROM tool_invocation WHERE run_id = ?::uuid ORDER BY seq",
                    runId))
            .as("%s: each approved call ran exactly once", rig.context())
            .containsExactlyInAnyOrder(
                "calculator | 1+1 | DONE | 1 | false", "calculator | 2+2 | DONE | 1 | false");
        assertThat(
                Sql.column(
                    rig.database(),
                    "SELECT count(DISTINCT tool_call_id) FROM tool_invocation"
                        + " WHERE run_id = ?::uuid",
                    runId))
            .as("%s: one invocation per call", rig.context())
            .containsExactly("2");
        List<JsonNode> used = commands.approvals(a, runId);
        assertThat(states(used))
            .as("%s: approvals after the run (%s)", rig.context(), render(used))
            .isEqualTo(Map.of(first, "USED", second, "USED"));
        assertThat(a.model().callCount())
            .as("%s: model requests (the two calls, then the answer)", rig.context())
            .isEqualTo(2);
        assertThat(a.model().calls().get(1).toolResultCount())
            .as("%s: the second request carries both results", rig.context())
            .isEqualTo(2);
        assertThat(done.modelCalls()).as("%s: model calls recorded", rig.context()).isEqualTo(2);
        assertThat(done.leaseOwner()).as("%s: lease of the finished run", rig.context()).isNull();

        for (String[] again : new String[][] {{first, firstHash}, {second, secondHash}}) {
          HttpResponse<String> reused = commands.approve(a, runId, again[0], again[1]);
          assertThat(reused.statusCode())
              .as("%s: approving a used approval again (%s)", rig.context(), reused.body())
              .isEqualTo(409);
          assertThat(reused.body())
              .as("%s: why (the run has ended)", rig.context())
              .contains("COMPLETED");
        }
        assertThat(commands.of(runId))
            .as("%s: the run's commands: the two approvals, applied", rig.context())
            .hasSize(2)
            .allMatch(row -> row.contains("kind=APPROVE, state=APPLIED"));
        assertThat(toolInvocations(rig, runId))
            .as("%s: no tool ran again", rig.context())
            .isEqualTo(invocations);
        ControlAgent.assertRecordedCleanly(rig, audit);
        rig.note("ownership timeline: " + audit.timeline(runId));
        rig.writeSummary();
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  private static void killAndRestart(ScenarioRig.Node node) {
    node.process().kill();
    node.startAndAwaitReady();
  }

  /**
   * Watches the run for {@link #WATCH}: the approvals in the given states, the run WAITING for
   * approval with no lease and no new step, no new model request, no tool run.
   */
  private static void watchStillWaiting(
      ScenarioRig rig,
      ScenarioRig.Node via,
      OperatorCommands commands,
      String runId,
      RunRow before,
      Map<String, String> approvals) {
    int requests = via.model().callCount();
    await("the run still waits for approval")
        .during(WATCH)
        .atMost(WATCH.plusSeconds(8))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              RunRow now = RunRow.read(rig.database(), runId);
              return "WAITING".equals(now.status())
                  && "APPROVAL".equals(now.waitReason())
                  && now.leaseOwner() == null
                  && now.stepCount() == before.stepCount()
                  && via.model().callCount() == requests
                  && toolInvocations(rig, runId).isEmpty()
                  && approvals.equals(states(commands.approvals(via, runId)));
            });
    assertThat(via.model().callCount())
        .as("%s: model requests while waiting for approval", rig.context())
        .isEqualTo(1);
  }

  private static void assertWaiting(ScenarioRig rig, RunRow run) {
    assertThat(run.status()).as("%s: the run's status", rig.context()).isEqualTo("WAITING");
    assertThat(run.waitReason()).as("%s: why it waits", rig.context()).isEqualTo("APPROVAL");
    assertThat(run.leaseOwner()).as("%s: a waiting run holds no lease", rig.context()).isNull();
  }

  private static Map<String, String> states(List<JsonNode> approvals) {
    Map<String, String> states = new HashMap<>();
    approvals.forEach(a -> states.put(a.path("id").asText(), a.path("state").asText()));
    return states;
  }

  private static String render(List<JsonNode> approvals) {
    return approvals.stream()
        .map(
            a ->
                "%s %s(%s) %s"
                    .formatted(
                        a.path("id").asText(),
                        a.path("tool").asText(),
                        a.path("arguments").path("expression").asText(),
                        a.path("state").asText()))
        .toList()
        .toString();
  }

  private static List<String> toolInvocations(ScenarioRig rig, String runId) {
    return Sql.rows(
        rig.database(),
        "SELECT seq, tool_call_id, tool_name, status, attempts FROM tool_invocation"
            + " WHERE run_id = ?::uuid ORDER BY seq",
        runId);
  }

  /**
   * Two calculator calls in one answer; once both results are in, {@code done} after {@link
   * #LAST_ANSWER}.
   */
  private static FakeOpenAiServer.Responder twoCallsThenDone() {
    return call ->
        call.toolResultCount() < EXPRESSIONS.size()
            ? Reply.toolCalls(
                EXPRESSIONS.stream()
                    .map(
                        expression ->
                            new Reply.FunctionCall(
                                "calculator", "{\"expression\":\"" + expression + "\"}"))
                    .toList())
            : Reply.text("done").withDelay(LAST_ANSWER);
  }
}
