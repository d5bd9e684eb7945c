package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Server-Sent Events across replicas: a client reads part of a run's events (and of its tenant's
 * stream) from replica A, loses the connection because A is killed, reconnects to replica B with
 * Last-Event-ID and gets exactly the rest: the union is the whole log, with no gap and no
 * duplicate. Both streams are read from PostgreSQL, so B needs nothing from A.
 */
class SseAcrossReplicasIT {
  private static final String TEST = "SseAcrossReplicasIT";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int STEPS = 8;

  private static RuntimeProcess node(TestDatabase database, String id) {
    return new RuntimeProcess(
        new RuntimeProcess.Spec(
            TEST,
            id,
            database,
            "http://127.0.0.1:9/v1",
            "http://127.0.0.1:9/webhook",
            Map.of("CAIRN_DEMO_AGENT_ENABLED", "false")));
  }

  private static String stepperAgent() {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < STEPS; i++) {
      script.append(
          "{\"toolCalls\":[{\"name\":\"calculator\",\"arguments\":{\"expression\":\"%d*2\"}}],"
                  .formatted(i)
              + "\"delayMs\":250},");
    }
    script.append("{\"text\":\"done\"}]");
    return """
        {"name":"stepper","model":{"provider":"scripted","script":%s},"tools":["calculator"],
         "budget":{"maxSteps":100}}"""
        .formatted(script);
  }

  @Test
  void aClientThatReconnectsToAnotherReplicaWithLastEventIdMissesNothing() throws Exception {
    TestDatabase database = TestDatabase.create();
    RuntimeProcess a = node(database, "node-a");
    RuntimeProcess b = node(database, "node-b");
    try (a;
        b) {
      a.start();
      b.start();
      a.awaitReady();
      b.awaitReady();
      String key = CairnClient.ADMIN_KEY;
      CairnClient client = new CairnClient(a.baseUrl());
      client.publishAgent(stepperAgent());

      EventStreamReader tenantOnA =
          EventStreamReader.open(a.baseUrl(), "/v1/events?from=earliest", key, null);
      String run = client.submitRun("stepper", "\"go\"");
      String runPath = "/v1/runs/" + run + "/events";
      EventStreamReader runOnA = EventStreamReader.open(a.baseUrl(), runPath, key, null);
      List<EventStreamReader.Event> fromA = take(runOnA, 4);
      List<EventStreamReader.Event> tenantFromA = take(tenantOnA, 3);

      // The replica dies under its clients: their connections break mid-stream.
      a.kill();
      drain(runOnA, fromA);
      drain(tenantOnA, tenantFromA);
      assertThat(runOnA.ended()).isTrue();

      List<EventStreamReader.Event> fromB = new ArrayList<>();
      try (EventStreamReader runOnB =
          EventStreamReader.open(b.baseUrl(), runPath, key, fromA.getLast().id())) {
        EventStreamReader.Event event;
        while ((event = runOnB.next(WAIT)) != null) {
          fromB.add(event);
        }
        assertThat(runOnB.ended()).as("B ends the stream once the run is terminal").isTrue();
      }
      int total =
          Integer.parseInt(
              Sql.column(database, "SELECT event_seq FROM agent_run WHERE id = ?::uuid", run)
                  .getFirst());
      List<Integer> union = new ArrayList<>();
      fromA.forEach(e -> union.add(Integer.valueOf(e.id())));
      fromB.forEach(e -> union.add(Integer.valueOf(e.id())));
      System.out.printf(
          "%s: run %s, %d events from A, %d from B, %d in the log%n",
          TEST, run, fromA.size(), fromB.size(), total);
      assertThat(union).isEqualTo(IntStream.rangeClosed(1, total).boxed().toList());
      assertThat(fromB.getLast().type()).isEqualTo("dev.cairn.run.completed");
      assertThat(fromB).allSatisfy(e -> assertThat(e.data()).contains("\"subject\":\"" + run));

      // The tenant stream resumes on B after the position A gave last: together, the whole log.
      List<String> log =
          Sql.column(
              database,
              "SELECT tx::text || '-' || id FROM outbox_event WHERE tenant_id ="
                  + " (SELECT tenant_id FROM agent_run WHERE id = ?::uuid) ORDER BY tx, id",
              run);
      List<String> tenantIds = new ArrayList<>();
      tenantFromA.forEach(e -> tenantIds.add(e.id()));
      try (EventStreamReader tenantOnB =
          EventStreamReader.open(b.baseUrl(), "/v1/events", key, tenantFromA.getLast().id())) {
        while (tenantIds.size() < log.size()) {
          EventStreamReader.Event event = tenantOnB.next(WAIT);
          assertThat(event).as("event %d of %d", tenantIds.size() + 1, log.size()).isNotNull();
          tenantIds.add(event.id());
        }
        assertThat(tenantOnB.next(Duration.ofSeconds(2))).as("nothing more").isNull();
      }
      assertThat(tenantIds).isEqualTo(log);
    } catch (AssertionError | RuntimeException e) {
      System.out.println("log of A: " + RuntimeProcess.tail(a.currentLog(), 80));
      System.out.println("log of B: " + RuntimeProcess.tail(b.currentLog(), 80));
      throw e;
    } finally {
      database.close();
    }
  }

  private static List<EventStreamReader.Event> take(EventStreamReader reader, int count)
      throws InterruptedException {
    List<EventStreamReader.Event> events = new ArrayList<>();
    while (events.size() < count) {
      EventStreamReader.Event event = reader.next(WAIT);
      assertThat(event).as("event %d", events.size() + 1).isNotNull();
      events.add(event);
    }
    return events;
  }

  /** Whatever arrived before the connection broke is the client's too. */
  private static void drain(EventStreamReader reader, List<EventStreamReader.Event> into)
      throws InterruptedException {
    EventStreamReader.Event event;
    while ((event = reader.next(Duration.ofSeconds(5))) != null) {
      into.add(event);
    }
    reader.close();
  }
}
