package dev.cairn.runtime.events;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import dev.cairn.runtime.testing.TestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay publishes every run event to a real RabbitMQ broker, in order and without a gap per
 * run, and keeps the engine going while the broker is away.
 */
@QuarkusTest
@TestProfile(RelayBroker.Profile.class)
@ExtendWith(TestBroker.Required.class)
class EventRelayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject DataSource dataSource;
  @Inject RelayMetrics metrics;

  private Connection connection;
  private Channel channel;
  private String queue;

  @BeforeEach
  void bindQueue() throws Exception {
    connection = RelayBroker.broker().connectionFactory().newConnection();
    channel = connection.createChannel();
    channel.exchangeDeclare("cairn.events", "topic", true);
    queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
    channel.queueBind(queue, "cairn.events", "run.#");
  }

  @AfterEach
  void close() throws Exception {
    RelayBroker.proxy().restore();
    connection.close();
  }

  /** Everything received so far: per event id, the bodies (duplicates must be identical). */
  private final Map<String, List<String>> received = new ConcurrentHashMap<>();

  private void drain() throws Exception {
    GetResponse r;
    while ((r = channel.basicGet(queue, true)) != null) {
      String id = r.getProps().getMessageId();
      String body = new String(r.getBody(), StandardCharsets.UTF_8);
      received.computeIfAbsent(id, k -> new ArrayList<>()).add(body);
    }
  }

  private static String agent(String script) {
    String name = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["calculator"]}"""
                .formatted(name, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static String submit(String agent) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"" + agent + "\",\"input\":\"go\"}")
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static final String TWO_STEP_SCRIPT =
      """
      [{"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}]},{"text":"2"}]""";

  /** Per run: the seqs received, from the CloudEvents' runseq. */
  private Map<String, Set<Integer>> seqsByRun() throws Exception {
    Map<String, Set<Integer>> seqs = new HashMap<>();
    for (Map.Entry<String, List<String>> e : received.entrySet()) {
      JsonNode event = JSON.readTree(e.getValue().get(0));
      seqs.computeIfAbsent(event.get("subject").asText(), k -> new TreeSet<>())
          .add(event.get("runseq").asInt());
    }
    return seqs;
  }

  private void assertEveryRunComplete(List<String> runs) throws Exception {
    Db db = new Db(dataSource);
    Map<String, Set<Integer>> seqs = seqsByRun();
    for (String run : runs) {
      long last = db.count("SELECT event_seq FROM agent_run WHERE id = ?::uuid", run);
      Set<Integer> expected = new TreeSet<>();
      for (int i = 1; i <= last; i++) {
        expected.add(i);
      }
      assertThat(seqs.get(run)).as("events of run %s", run).isEqualTo(expected);
    }
    for (Map.Entry<String, List<String>> e : received.entrySet()) {
      assertThat(new TreeSet<>(e.getValue()))
          .as("every copy of event %s is the same event", e.getKey())
          .hasSize(1);
      JsonNode event = JSON.readTree(e.getValue().get(0));
      assertThat(e.getKey())
          .isEqualTo(event.get("subject").asText() + "/" + event.get("runseq").asInt());
      assertThat(event.get("specversion").asText()).isEqualTo("1.0");
    }
  }

  private boolean allFinished(List<String> runs) throws Exception {
    drain();
    Map<String, Set<Integer>> seqs = seqsByRun();
    Db db = new Db(dataSource);
    for (String run : runs) {
      long last =
          db.count(
              "SELECT event_seq FROM agent_run WHERE id = ?::uuid" + " AND status = 'COMPLETED'",
              run);
      Set<Integer> got = seqs.get(run);
      if (last == 0 || got == null || got.size() < last) {
        return false;
      }
    }
    return true;
  }

  @Test
  void shouldPublishEveryEventOfAThousandRunsWithNoGapInAnyRun() throws Exception {
    String agent = agent(TWO_STEP_SCRIPT);
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      runs.add(submit(agent));
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> allFinished(runs));
    assertEveryRunComplete(runs);
    assertThat(seqsByRun().get(runs.get(0))).hasSize(5); // submitted, 3 steps, completed
  }

  @Test
  void shouldKeepAdvancingRunsWhileTheBrokerIsAwayAndDrainTheBacklogAfterwards() throws Exception {
    String agent = agent(TWO_STEP_SCRIPT);
    Db db = new Db(dataSource);
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      runs.add(submit(agent));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> allFinished(runs));

    RelayBroker.proxy().cut();
    long checkpointsAtCut = db.count("SELECT count(*) FROM checkpoint");
    AtomicBoolean loading = new AtomicBoolean(true);
    List<String> duringOutage = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread load =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (loading.get()) {
                    duringOutage.add(submit(agent));
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    Thread.sleep(30_000);
    loading.set(false);
    load.join();
    drain();
    long completedDuringOutage =
        duringOutage.stream()
            .filter(
                run ->
                    db.count(
                            "SELECT count(*) FROM agent_run WHERE id = ?::uuid"
                                + " AND status = 'COMPLETED'",
                            run)
                        == 1)
            .count();
    assertThat(duringOutage).hasSizeGreaterThan(100);
    assertThat(completedDuringOutage)
        .as("runs completed while the broker was away")
        .isGreaterThan(duringOutage.size() / 2);
    assertThat(db.count("SELECT count(*) FROM checkpoint")).isGreaterThan(checkpointsAtCut + 300);
    Set<String> runsSeenDuringOutage = seqsByRun().keySet();
    assertThat(runsSeenDuringOutage).doesNotContainAnyElementsOf(duringOutage);

    RelayBroker.proxy().restore();
    List<String> all = new ArrayList<>(runs);
    all.addAll(duringOutage);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> allFinished(all));
    assertEveryRunComplete(all);
  }
}
