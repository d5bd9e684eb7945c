package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Two runtime nodes publish the run event log to a real RabbitMQ broker while they are killed with
 * -9 in turn and restarted: every event of every run arrives, no run's sequence has a gap, and an
 * event delivered twice is the same event (same id, same body).
 */
class EventsSurviveKillIT {
  private static final String TEST = "EventsSurviveKillIT";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldLoseNoEventWhenNodesAreKilledWhilePublishing() throws Exception {
    TestRabbit rabbit = TestRabbit.require();
    long seed = Long.getLong("cairn.it.seed", System.nanoTime());
    System.out.println(TEST + " seed=" + seed + " (replay with -Dcairn.it.seed=" + seed + ")");
    Random random = new Random(seed);
    String exchange = "cairn.events.it." + Long.toHexString(seed);
    Map<String, String> env =
        Map.of(
            "MP_MESSAGING_OUTGOING_CAIRN_EVENTS_CONNECTOR",
            "smallrye-rabbitmq",
            "MP_MESSAGING_OUTGOING_CAIRN_EVENTS_EXCHANGE_NAME",
            exchange,
            "RABBITMQ_HOST",
            rabbit.host(),
            "RABBITMQ_PORT",
            Integer.toString(rabbit.port()),
            "RABBITMQ_USERNAME",
            rabbit.username(),
            "RABBITMQ_PASSWORD",
            rabbit.password(),
            "CAIRN_EVENTS_RELAY_LEASE_TTL",
            "3s",
            "CAIRN_WORKER_MAX_IN_FLIGHT",
            "8");

    ConnectionFactory factory = rabbit.factory();
    try (Connection connection = factory.newConnection();
        KillHarness harness = KillHarness.start(TEST, seed, List.of("a", "b"), env)) {
      Channel channel = connection.createChannel();
      channel.exchangeDeclare(exchange, "topic", true);
      String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
      channel.queueBind(queue, exchange, "#");
      Map<String, List<String>> received = new HashMap<>();
      try {
        harness.publishAgent();
        harness.submitRuns(20);
        for (int kill = 0; kill < 4; kill++) {
          if (harness.allSettled()) {
            harness.submitRuns(20);
          }
          Thread.sleep(500 + random.nextInt(2000));
          harness.killAndRestart(kill % 2 == 0 ? "a" : "b");
          drain(channel, queue, received);
        }
        harness.awaitAllSettled(Duration.ofMinutes(3));
        Map<String, Integer> lastSeq = lastSeqs(harness);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  drain(channel, queue, received);
                  return complete(received, lastSeq);
                });

        Map<String, Set<Integer>> seqs = seqsByRun(received);
        for (Map.Entry<String, Integer> run : lastSeq.entrySet()) {
          Set<Integer> expected = new TreeSet<>();
          for (int i = 1; i <= run.getValue(); i++) {
            expected.add(i);
          }
          assertThat(seqs.get(run.getKey()))
              .as("events of run %s", run.getKey())
              .isEqualTo(expected);
        }
        int duplicates = 0;
        for (Map.Entry<String, List<String>> e : received.entrySet()) {
          assertThat(new TreeSet<>(e.getValue())).as("copies of event %s", e.getKey()).hasSize(1);
          duplicates += e.getValue().size() - 1;
        }
        System.out.printf(
            "%s: %d runs, %d events, %d delivered twice or more%n",
            TEST, lastSeq.size(), received.size(), duplicates);
      } catch (RuntimeException | AssertionError e) {
        harness.printLogs();
        throw e;
      }
    }
  }

  private static void drain(Channel channel, String queue, Map<String, List<String>> received)
      throws Exception {
    GetResponse r;
    while ((r = channel.basicGet(queue, true)) != null) {
      received
          .computeIfAbsent(r.getProps().getMessageId(), k -> new ArrayList<>())
          .add(new String(r.getBody(), StandardCharsets.UTF_8));
    }
  }

  private static Map<String, Set<Integer>> seqsByRun(Map<String, List<String>> received)
      throws Exception {
    Map<String, Set<Integer>> seqs = new HashMap<>();
    for (List<String> copies : received.values()) {
      JsonNode event = JSON.readTree(copies.get(0));
      seqs.computeIfAbsent(event.get("subject").asText(), k -> new TreeSet<>())
          .add(event.get("runseq").asInt());
    }
    return seqs;
  }

  private static boolean complete(Map<String, List<String>> received, Map<String, Integer> last)
      throws Exception {
    Map<String, Set<Integer>> seqs = seqsByRun(received);
    for (Map.Entry<String, Integer> run : last.entrySet()) {
      Set<Integer> got = seqs.get(run.getKey());
      if (got == null || got.size() < run.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Integer> lastSeqs(KillHarness harness) throws Exception {
    Map<String, Integer> last = new HashMap<>();
    try (java.sql.Connection c = harness.database().connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id::text, event_seq FROM agent_run WHERE id::text = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", harness.inputsByRunId().keySet().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          last.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    assertThat(last).hasSize(harness.inputsByRunId().size());
    return last;
  }
}
