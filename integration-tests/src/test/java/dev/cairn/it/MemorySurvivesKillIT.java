package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Long-term memory under SIGKILL: a memory the agent writes with {@code remember} exists exactly
 * when the step that wrote it committed. One node, two runs, three incarnations.
 *
 * <p>Killed before the commit: a person creates the item (version 1) over REST, and the test holds
 * that item's row lock in its own transaction, so the {@code remember} step's commit (fenced run
 * update and checkpoint, then the item's upsert) waits inside its transaction. Once {@code
 * pg_stat_activity} shows the node's backend blocked by the test, the node is SIGKILLed, then the
 * lock released. The waiting transaction never reaches COMMIT: no version of the run, no checkpoint
 * of the step (the run's last is the model step before it), the item still at the person's version
 * 1. After a restart the run takes the step again and completes: exactly one version of the run,
 * version 2 with the run's id and the step's seq, written by the new incarnation.
 *
 * <p>Killed after the commit: a second run's version is committed, and the node is SIGKILLed while
 * the model step after {@code remember} waits for its answer. After a restart the version is there
 * exactly once, under the killed incarnation's checkpoint; the run completes without taking the
 * step again.
 *
 * <p>Both runs' checkpoint chains verify ({@code GET /v1/runs/{id}/verify}) and the run invariants
 * hold (no run lost, contiguous seqs, one terminal outcome, one owner per epoch, audit chain).
 */
class MemorySurvivesKillIT {

  private static final String TEST = "MemorySurvivesKillIT";
  private static final String AGENT = "memo";
  private static final String AGENT_DEFINITION =
      """
      {"name":"%s","systemPrompt":"You are a test agent.",
       "model":{"provider":"openai","name":"fake-model"},
       "tools":["remember"],"budget":{"maxSteps":20}}
      """
          .formatted(AGENT);

  /** The remember step: model step 1 asks for the tool, step 2 runs it, step 3 answers. */
  private static final int REMEMBER_SEQ = 2;

  private static final int STEPS = 3;

  /** How long the first answer after the committed memory takes: the kill lands meanwhile. */
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(30);

  private static final String PERSONS_TEXT = "Deploys happen on Tuesdays.";
  private static final Memory UNCOMMITTED =
      new Memory(
          "remember the deploy days", "deploy.days", "Deploys happen on Tuesdays and Thursdays.");
  private static final Memory COMMITTED =
      new Memory("remember the colour", "user.color", "The user's favourite colour is teal.");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldKeepAMemoryExactlyWhenTheStepThatWroteItCommitted() throws SQLException {
    try (ScenarioRig rig = ScenarioRig.create(TEST, ScenarioRig.seed())) {
      ScenarioRig.Node node = rig.addNode("node-1", script(), Map.of());
      try {
        node.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        node.client().publishAgent(AGENT_DEFINITION);
        CairnClient person = new CairnClient(node.process().baseUrl(), developerKey(node));
        String uncommitted = killWhileTheCommitWaits(rig, node, person);
        String committed = killAfterTheCommit(rig, node, person);
        assertRecordedCleanly(rig, audit, person, List.of(uncommitted, committed));
        rig.writeSummary();
      } catch (AssertionError | RuntimeException | SQLException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  /**
   * A person writes version 1; the test locks the item, the run's remember step waits in its
   * commit, the node is killed and the lock released: nothing of the step exists. After a restart
   * the run writes version 2 once. Returns the run's id.
   */
  private static String killWhileTheCommitWaits(
      ScenarioRig rig, ScenarioRig.Node node, CairnClient person) throws SQLException {
    Memory memory = UNCOMMITTED;
    String personsVersion = "1 person null null " + PERSONS_TEXT;
    JsonNode created =
        json(
            expect(
                person.exchange(
                    "PUT",
                    memoryPath(memory.key()),
                    JSON.createObjectNode()
                        .put("content", PERSONS_TEXT)
                        .put("expectedVersion", 0)
                        .toString()),
                200));
    assertThat(created.path("version").asInt())
        .as("%s: the person's version", rig.context())
        .isEqualTo(1);
    String itemId = created.path("itemId").asText();

    String runId;
    String killedOwner;
    try (Connection holder = rig.database().connect()) {
      holder.setAutoCommit(false);
      assertThat(lockItem(holder, itemId))
          .as("%s: head version of the locked item", rig.context())
          .isEqualTo(1);
      int holderPid = backendPid(holder);
      runId = node.client().submitRun(AGENT, "\"" + memory.input() + "\"");

      String waiting = awaitBlockedBy(rig, holderPid);
      rig.note("the remember step's commit waits for the item's row lock: " + waiting);
      assertThat(waiting)
          .as("%s: the blocked backend", rig.context())
          .contains("application_name=node-1")
          .contains("state=active")
          .contains("wait_event_type=Lock")
          .contains("upserts_item=true");
      assertThat(checkpoints(rig, runId))
          .as("%s: committed checkpoints while the commit waits", rig.context())
          .containsExactly("1 MODEL_CALL");

      killedOwner = node.process().leaseOwner();
      node.process().kill();
      assertThat(blockedBy(rig, holderPid))
          .as("%s: the killed node's transaction still waits, uncommitted", rig.context())
          .hasSize(1);
      holder.rollback();
    }
    awaitNoSessionsOf(rig, "node-1");
    rig.note("killed %s while its commit waited; lock released".formatted(killedOwner));

    assertThat(versionsOfRun(rig, runId))
        .as("%s: memory versions of the run after the kill", rig.context())
        .isEmpty();
    assertThat(checkpoints(rig, runId))
        .as("%s: checkpoints after the kill (the remember step's is not there)", rig.context())
        .containsExactly("1 MODEL_CALL");
    assertThat(RunRow.read(rig.database(), runId).stepCount())
        .as("%s: committed steps after the kill", rig.context())
        .isEqualTo(REMEMBER_SEQ - 1);
    assertThat(versionsOfItem(rig, itemId))
        .as("%s: the item's versions after the kill", rig.context())
        .containsExactly(personsVersion);
    assertThat(headVersion(rig, itemId))
        .as("%s: the item's head after the kill", rig.context())
        .isEqualTo(1);

    node.startAndAwaitReady();
    awaitCompleted(rig, runId);

    assertThat(versionsOfRun(rig, runId))
        .as("%s: memory versions of the run after the restart", rig.context())
        .containsExactly(
            "%s 2 agent %s %d agent:%s".formatted(memory.key(), runId, REMEMBER_SEQ, AGENT));
    assertThat(versionsOfItem(rig, itemId))
        .as("%s: the item's versions after the restart", rig.context())
        .containsExactly(
            personsVersion, "2 agent %s %d %s".formatted(runId, REMEMBER_SEQ, memory.content()));
    JsonNode history =
        json(expect(person.exchange("GET", memoryPath(memory.key()) + "/history", null), 200));
    JsonNode items = history.path("items");
    assertThat(items.findValuesAsText("version"))
        .as("%s: the history over REST (%s)", rig.context(), history)
        .containsExactly("1", "2");
    assertThat(items.get(1).path("runId").asText())
        .as("%s: provenance of version 2", rig.context())
        .isEqualTo(runId);
    assertThat(items.get(1).path("seq").asInt())
        .as("%s: step of version 2", rig.context())
        .isEqualTo(REMEMBER_SEQ);
    assertRememberStepWrittenBy(rig, runId, owner -> !owner.equals(killedOwner), "not the killed");
    assertThat(modelRequests(node, memory))
        .as("%s: model requests of the run (the kill hit no model call)", rig.context())
        .isEqualTo(2);
    rig.note("after the restart: " + versionsOfItem(rig, itemId));
    return runId;
  }

  /**
   * The run's remember step commits (version 1 of a new item); the node is killed while the next
   * model call waits for its answer. After a restart the version is there once, under the killed
   * incarnation's checkpoint, and the run completes. Returns the run's id.
   */
  private static String killAfterTheCommit(
      ScenarioRig rig, ScenarioRig.Node node, CairnClient person) {
    Memory memory = COMMITTED;
    String runId = node.client().submitRun(AGENT, "\"" + memory.input() + "\"");
    await("the remember step committed and the answer requested")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                checkpoints(rig, runId).size() == REMEMBER_SEQ
                    && node.model().inFlight().stream()
                        .anyMatch(call -> call.toolResultCount() == 1 && memory == of(call)));
    String expected =
        "%s 1 agent %s %d agent:%s".formatted(memory.key(), runId, REMEMBER_SEQ, AGENT);
    assertThat(versionsOfRun(rig, runId))
        .as("%s: the run's versions before the kill", rig.context())
        .containsExactly(expected);
    String killedOwner = node.process().leaseOwner();
    node.process().kill();
    rig.note("killed %s after the remember step committed".formatted(killedOwner));

    node.startAndAwaitReady();
    awaitCompleted(rig, runId);

    assertThat(versionsOfRun(rig, runId))
        .as("%s: the run's versions after the restart", rig.context())
        .containsExactly(expected);
    assertThat(
            Sql.column(
                rig.database(),
                "SELECT head_version FROM memory_item WHERE agent_name = ? AND key = ?",
                AGENT,
                memory.key()))
        .as("%s: the item's head after the restart", rig.context())
        .containsExactly("1");
    JsonNode item = json(expect(person.exchange("GET", memoryPath(memory.key()), null), 200));
    assertThat(item.path("content").asText())
        .as("%s: the item over REST (%s)", rig.context(), item)
        .isEqualTo(memory.content());
    assertRememberStepWrittenBy(rig, runId, killedOwner::equals, killedOwner);
    assertThat(modelRequests(node, memory))
        .as("%s: model requests of the run (the answer cut off, asked again)", rig.context())
        .isEqualTo(3);
    rig.note("after the restart: " + versionsOfRun(rig, runId));
    return runId;
  }

  /**
   * The model: asks for {@code remember} with the run's memory, then answers {@code noted}; the
   * first answer after the committed memory's tool result comes after {@link #SLOW_ANSWER}. Decides
   * by the conversation, so a repeated request gets the same answer.
   */
  private static FakeOpenAiServer.Responder script() {
    AtomicBoolean slowAnswerGiven = new AtomicBoolean();
    return (ChatCall call) -> {
      Memory memory = of(call);
      if (call.toolResultCount() == 0) {
        return Reply.toolCall(
            "remember",
            JSON.createObjectNode()
                .put("key", memory.key())
                .put("content", memory.content())
                .toString());
      }
      boolean slow = memory == COMMITTED && !slowAnswerGiven.getAndSet(true);
      return Reply.text("noted").withDelay(slow ? SLOW_ANSWER : Duration.ZERO);
    };
  }

  /** The memory of the run a request belongs to, by the run's input. */
  private static Memory of(ChatCall call) {
    String text = call.firstUserText();
    return text != null && text.contains(COMMITTED.input()) ? COMMITTED : UNCOMMITTED;
  }

  private static long modelRequests(ScenarioRig.Node node, Memory memory) {
    return node.model().calls().stream().filter(call -> of(call) == memory).count();
  }

  /** A key of the {@code default} tenant with the roles that write and read memory. */
  private static String developerKey(ScenarioRig.Node node) {
    JsonNode created =
        json(
            expect(
                node.client()
                    .exchange(
                        "POST",
                        "/v1/api-keys",
                        """
                        {"name":"it-memory","roles":["developer","operator"],"tenant":"default"}"""),
                201));
    return created.path("key").asText();
  }

  private static String memoryPath(String key) {
    return "/v1/agents/" + AGENT + "/memory/" + key;
  }

  /** Locks the item's row in the holder's open transaction; returns its head version. */
  private static int lockItem(Connection holder, String itemId) throws SQLException {
    try (PreparedStatement ps =
        holder.prepareStatement(
            "SELECT head_version FROM memory_item WHERE id = ?::uuid FOR UPDATE")) {
      ps.setString(1, itemId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no memory item " + itemId);
        }
        return rs.getInt(1);
      }
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_backend_pid()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Sessions blocked by the holder's backend, read on a fresh connection (a transaction sees one
   * snapshot of {@code pg_stat_activity}).
   */
  private static List<String> blockedBy(ScenarioRig rig, int holderPid) {
    return Sql.rows(
        rig.database(),
        "SELECT pid, application_name, state, wait_event_type,"
            + " (position('INSERT INTO memory_item' IN query) > 0)::text AS upserts_item"
            + " FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))",
        holderPid);
  }

  private static String awaitBlockedBy(ScenarioRig rig, int holderPid) {
    await("a commit waiting for the locked item")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !blockedBy(rig, holderPid).isEmpty());
    List<String> blocked = blockedBy(rig, holderPid);
    assertThat(blocked).as("%s: sessions blocked by the test", rig.context()).hasSize(1);
    return blocked.get(0);
  }

  /**
   * Waits until the killed node's sessions are gone: the one that waited finishes its statement
   * once the lock is released, finds its client gone and rolls back.
   */
  private static void awaitNoSessionsOf(ScenarioRig rig, String nodeId) {
    await("the killed node's sessions end")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Sql.column(
                        rig.database(),
                        "SELECT pid FROM pg_stat_activity WHERE application_name = ?",
                        nodeId)
                    .isEmpty());
  }

  private static void awaitCompleted(ScenarioRig rig, String runId) {
    await("the run completes")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "COMPLETED".equals(RunRow.status(rig.database(), runId)));
  }

  /** The run's checkpoints as {@code seq kind}, in seq order. */
  private static List<String> checkpoints(ScenarioRig rig, String runId) {
    return Sql.column(
        rig.database(),
        "SELECT seq || ' ' || kind FROM checkpoint WHERE run_id = ?::uuid ORDER BY seq",
        runId);
  }

  /** Versions written by the run as {@code key version origin run seq actor}. */
  private static List<String> versionsOfRun(ScenarioRig rig, String runId) {
    return Sql.column(
        rig.database(),
        "SELECT concat_ws(' ', i.key, v.version, v.origin, v.run_id, v.seq, v.actor)"
            + " FROM memory_version v JOIN memory_item i ON i.id = v.item_id"
            + " WHERE v.run_id = ?::uuid ORDER BY v.version",
        runId);
  }

  /** The item's versions as {@code version origin run seq content}. */
  private static List<String> versionsOfItem(ScenarioRig rig, String itemId) {
    return Sql.column(
        rig.database(),
        "SELECT concat_ws(' ', version, origin, coalesce(run_id::text, 'null'),"
            + " coalesce(seq::text, 'null'), content)"
            + " FROM memory_version WHERE item_id = ?::uuid ORDER BY version",
        itemId);
  }

  private static int headVersion(ScenarioRig rig, String itemId) {
    return Integer.parseInt(
        Sql.column(
                rig.database(), "SELECT head_version FROM memory_item WHERE id = ?::uuid", itemId)
            .get(0));
  }

  /**
   * The remember step has one checkpoint, a tool call recording the memory effect, written by the
   * expected incarnation; the run's steps are model, remember, model.
   */
  private static void assertRememberStepWrittenBy(
      ScenarioRig rig, String runId, Predicate<String> owner, String expected) {
    assertThat(checkpoints(rig, runId))
        .as("%s: the run's checkpoints", rig.context())
        .containsExactly("1 MODEL_CALL", "2 TOOL_CALL", "3 MODEL_CALL");
    List<String> writer =
        Sql.column(
            rig.database(),
            "SELECT lease_owner FROM checkpoint WHERE run_id = ?::uuid AND seq = ?",
            runId,
            REMEMBER_SEQ);
    assertThat(writer)
        .as("%s: writer of the remember step, expected %s", rig.context(), expected)
        .singleElement()
        .matches(owner);
    assertThat(
            Sql.column(
                rig.database(),
                "SELECT seq || ' ' || (outcome->'effects'->'memory'->>'op') FROM checkpoint"
                    + " WHERE run_id = ?::uuid AND outcome->'effects'->'memory' IS NOT NULL",
                runId))
        .as("%s: checkpoints recording a memory effect", rig.context())
        .containsExactly(REMEMBER_SEQ + " remember");
  }

  /**
   * Each run's checkpoint chain verifies over REST and the run invariants hold: no run lost, all
   * completed, contiguous seqs, one terminal checkpoint each, one owner per epoch, no write under a
   * lease the run no longer held, the audit chain intact.
   */
  private static void assertRecordedCleanly(
      ScenarioRig rig, LeaseAudit audit, CairnClient person, List<String> runIds) {
    for (String runId : runIds) {
      JsonNode verdict =
          json(expect(person.exchange("GET", "/v1/runs/" + runId + "/verify", null), 200));
      assertThat(verdict.path("status").asText())
          .as("%s: verification of the chain of %s (%s)", rig.context(), runId, verdict)
          .isEqualTo("intact");
      assertThat(verdict.path("checkpoints").asInt())
          .as("%s: checkpoints verified of %s", rig.context(), runId)
          .isEqualTo(STEPS);
    }
    Invariants invariants = new Invariants(rig.database(), rig.context());
    invariants.assertAll(runIds, rig.ledger());
    invariants.assertAuditChain();
    audit.assertNoStaleWrites(rig.context());
  }

  private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
    assertThat(response.statusCode())
        .as("%s %s: %s", response.request().method(), response.uri(), response.body())
        .isEqualTo(status);
    return response;
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  /**
   * What a run is asked to remember.
   *
   * @param input the run's input, which the model script recognises
   * @param key the memory key
   * @param content the text
   */
  private record Memory(String input, String key, String content) {}
}
