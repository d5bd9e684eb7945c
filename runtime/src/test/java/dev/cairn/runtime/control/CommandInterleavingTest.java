package dev.cairn.runtime.control;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.CommandRules;
import dev.cairn.runtime.engine.RunStatus;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of pause, resume, cancel and steer on running runs, sent concurrently over
 * REST while the engine advances the runs: every run ends in the state the accepted commands give
 * when applied one by one in the order they were accepted, every accepted command is applied
 * exactly once, and the accepted steers reach the conversation once each, in that order.
 */
@QuarkusTest
class CommandInterleavingTest {
  private static final int RUNS = 100;
  private static final int COMMANDS_PER_RUN = 6;
  private static final List<CommandKind> KINDS =
      List.of(CommandKind.PAUSE, CommandKind.RESUME, CommandKind.CANCEL, CommandKind.STEER);

  @Inject DataSource dataSource;

  /** An accepted command, as the API answered it. */
  private record Accepted(long seq, CommandKind kind, String text) {}

  @Test
  void everyRunEndsAsTheSerialOrderOfItsAcceptedCommandsGives() throws Exception {
    String tenant = Auth.newTenant();
    String key = Auth.newKey(tenant, "developer", "operator");
    String agent = publishLongAgent(key);
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(Auth.submit(key, agent));
    }
    Map<String, List<Accepted>> accepted = new ConcurrentHashMap<>();
    Random seeds = new Random(20261202L);
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> sent = new ArrayList<>();
      for (String run : runs) {
        long seed = seeds.nextLong();
        accepted.put(run, java.util.Collections.synchronizedList(new ArrayList<>()));
        // Two senders per run, racing each other and the engine.
        for (int sender = 0; sender < 2; sender++) {
          Random random = new Random(seed + sender);
          sent.add(pool.submit(() -> send(key, run, random, accepted.get(run))));
        }
      }
      for (Future<?> f : sent) {
        f.get();
      }
    }
    Db db = new Db(dataSource);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM operator_command c JOIN agent_run r ON r.id = c.run_id"
                            + " WHERE r.tenant_id = ? AND c.state = 'PENDING'",
                        tenant)
                    == 0);

    int totalAccepted = 0;
    Map<RunStatus, Integer> ends = new java.util.EnumMap<>(RunStatus.class);
    int steersApplied = 0;
    for (String run : runs) {
      List<Accepted> mine = new ArrayList<>(accepted.get(run));
      mine.sort(Comparator.comparingLong(Accepted::seq));
      totalAccepted += mine.size();
      RunStatus expected = RunStatus.RUNNING;
      List<String> steers = new ArrayList<>();
      for (Accepted c : mine) {
        assertThat(CommandRules.conflict(expected, c.kind()))
            .as("run %s: accepted %s #%d conflicts with the serial order", run, c.kind(), c.seq())
            .isEmpty();
        expected = CommandRules.after(expected, c.kind());
        if (c.kind() == CommandKind.STEER) {
          steers.add(c.text());
        }
      }
      ends.merge(expected, 1, Integer::sum);
      steersApplied += steers.size();
      String status = status(run);
      if ("COMPLETED".equals(status)) {
        // The run finished on its own before some commands took effect: those were refused
        // with that reason, and nothing else happened to it.
        assertThat(outcomes(run))
            .as("run %s: commands after its completion", run)
            .allMatch(o -> o.equals("APPLIED") || o.endsWith("a run that is COMPLETED"));
        continue;
      }
      assertThat(states(run))
          .as("run %s: every accepted command applied once", run)
          .hasSize(mine.size())
          .allMatch("APPLIED"::equals);
      if (expected == RunStatus.RUNNING) {
        assertThat(status).as("run %s", run).isIn("QUEUED", "RUNNING", "WAITING");
      } else {
        assertThat(status).as("run %s", run).isEqualTo(expected.name());
      }
      assertThat(systemMessages(run))
          .as("run %s: accepted steers, once each, in order", run)
          .containsExactlyElementsOf(
              steers.stream().map(t -> "Guidance from an operator: " + t).toList());
    }
    assertThat(totalAccepted).isGreaterThan(RUNS);
    // The interleavings reach every outcome: paused, cancelled and still running, with steers.
    assertThat(ends).containsKeys(RunStatus.PAUSED, RunStatus.CANCELLED, RunStatus.RUNNING);
    assertThat(steersApplied).isGreaterThan(RUNS / 4);
    for (String run : runs) {
      as(key).post("/v1/runs/" + run + "/cancel");
    }
  }

  private static String publishLongAgent(String key) {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < 150; i++) {
      script.append(
          "{\"toolCalls\":[{\"name\":\"calculator\",\"arguments\":{\"expression\":\"1+%d\"}}],\"delayMs\":100},"
              .formatted(i));
    }
    script.append("{\"text\":\"done\"}]");
    String name = Names.agent();
    as(key)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["calculator"],"budget":{"maxSteps":1000,"maxModelCalls":500}}"""
                .formatted(name, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static void send(String key, String run, Random random, List<Accepted> accepted) {
    for (int i = 0; i < COMMANDS_PER_RUN / 2; i++) {
      CommandKind kind = KINDS.get(random.nextInt(KINDS.size()));
      String text = kind == CommandKind.STEER ? "hint " + random.nextInt(1_000_000) : null;
      var request = as(key).contentType("application/json");
      if (text != null) {
        request = request.body(Map.of("text", text));
      }
      Response answer =
          request.post("/v1/runs/" + run + "/" + kind.name().toLowerCase(java.util.Locale.ROOT));
      int code = answer.statusCode();
      assertThat(code).as("answer to %s: %s", kind, answer.asString()).isIn(202, 409);
      if (code == 202) {
        accepted.add(new Accepted(answer.jsonPath().getLong("seq"), kind, text));
      } else {
        assertThat(answer.jsonPath().getString("detail")).startsWith("cannot ");
      }
      try {
        Thread.sleep(random.nextInt(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<String> states(String run) throws SQLException {
    return strings("SELECT state FROM operator_command WHERE run_id = ?::uuid ORDER BY seq", run);
  }

  private List<String> outcomes(String run) throws SQLException {
    return strings(
        "SELECT CASE WHEN state = 'APPLIED' THEN state ELSE outcome END FROM operator_command"
            + " WHERE run_id = ?::uuid ORDER BY seq",
        run);
  }

  private String status(String run) throws SQLException {
    return strings("SELECT status FROM agent_run WHERE id = ?::uuid", run).getFirst();
  }

  private List<String> systemMessages(String run) throws SQLException {
    return strings(
        "SELECT content FROM run_message WHERE run_id = ?::uuid AND role = 'SYSTEM' ORDER BY idx",
        run);
  }

  private List<String> strings(String sql, String param) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      List<String> values = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }
}
