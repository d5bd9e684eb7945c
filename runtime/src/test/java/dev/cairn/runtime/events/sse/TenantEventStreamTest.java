package dev.cairn.runtime.events.sse;

import static dev.cairn.runtime.events.sse.RunEventStreamTest.assertProblem;
import static dev.cairn.runtime.events.sse.StreamFixtures.awaitTerminal;
import static dev.cairn.runtime.events.sse.StreamFixtures.json;
import static dev.cairn.runtime.events.sse.StreamFixtures.publishStepper;
import static dev.cairn.runtime.events.sse.StreamFixtures.withoutComments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.testing.Auth;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/events}: a tenant's events in commit order, filtered, resumable, limited. */
@QuarkusTest
class TenantEventStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String POSITION = "[0-9]+-[0-9]+";

  @Inject DataSource dataSource;

  @Test
  void shouldStreamOnlyTheTenantsEventsOfTheChosenAgentAndTypes() throws Exception {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String auditor = Auth.newKey(tenant, "auditor");
    String a = publishStepper(developer, 1, 0);
    String b = publishStepper(developer, 1, 0);
    try (SseClient filtered =
            SseClient.open(
                "/v1/events?agent=" + a + "&type=run.completed&type=dev.cairn.run.submitted",
                auditor);
        SseClient all = SseClient.open("/v1/events", auditor)) {
      assertThat(filtered.status()).isEqualTo(200);
      SseClient.Message opened = all.next(WAIT);
      assertThat(opened.comment()).isEqualTo("stream opened");
      assertThat(opened.id()).matches(POSITION);
      assertThat(filtered.next(WAIT).id()).matches(POSITION);

      // Another tenant's activity at the same time must never show.
      String stranger = Auth.newKey(Auth.newTenant(), "developer");
      String strangerRun = Auth.submit(stranger, publishStepper(stranger, 1, 0));
      List<String> runs =
          List.of(Auth.submit(developer, a), Auth.submit(developer, b), Auth.submit(developer, a));
      for (String run : runs) {
        awaitTerminal(developer, run);
      }
      awaitTerminal(stranger, strangerRun);

      Set<String> expected = new HashSet<>();
      for (String run : runs) {
        expected.addAll(storedKeys(run));
      }
      List<SseClient.Message> received = all.events(expected.size(), WAIT);
      assertThat(keys(received)).containsExactlyInAnyOrderElementsOf(expected);
      assertInRunOrder(received);
      assertThat(all.events(1, Duration.ofMillis(1_500))).as("nothing more").isEmpty();

      List<SseClient.Message> chosen = filtered.events(4, WAIT);
      assertThat(chosen)
          .extracting(m -> json(m.data()).path("subject").asText())
          .containsOnly(runs.get(0), runs.get(2));
      assertThat(chosen)
          .extracting(SseClient.Message::event)
          .containsOnly("dev.cairn.run.submitted", "dev.cairn.run.completed")
          .hasSize(4);
      assertThat(chosen).allSatisfy(m -> assertThat(m.id()).matches(POSITION));
      assertThat(filtered.events(1, Duration.ofMillis(1_500))).as("nothing more").isEmpty();
    }
  }

  @Test
  void shouldResumeAfterTheLastEventIdWithNoGapAndNoDuplicate() throws Exception {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String agent = publishStepper(developer, 3, 100);
    List<SseClient.Message> first;
    List<String> runs;
    try (SseClient client = SseClient.open("/v1/events", developer)) {
      assertThat(client.next(WAIT).comment()).isEqualTo("stream opened");
      runs = List.of(Auth.submit(developer, agent), Auth.submit(developer, agent));
      first = client.events(5, WAIT);
    }
    assertThat(first).hasSize(5);
    Set<String> expected = new HashSet<>();
    for (String run : runs) {
      awaitTerminal(developer, run);
      expected.addAll(storedKeys(run));
    }
    List<SseClient.Message> rest;
    try (SseClient client =
        SseClient.open("/v1/events", developer, Map.of("Last-Event-ID", first.getLast().id()))) {
      rest = client.events(expected.size() - first.size(), WAIT);
      assertThat(client.events(1, Duration.ofMillis(1_500))).as("nothing more").isEmpty();
    }
    List<SseClient.Message> union = new ArrayList<>(first);
    union.addAll(rest);
    assertThat(ids(union)).as("first %s, then %s", ids(first), ids(rest)).hasSize(expected.size());
    assertThat(keys(union)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    assertInRunOrder(union);

    // The whole log read at once has the same order: positions are commit-consistent.
    try (SseClient client = SseClient.open("/v1/events?from=earliest", developer)) {
      List<SseClient.Message> everything = client.events(expected.size(), WAIT);
      assertThat(everything).extracting(SseClient.Message::id).isEqualTo(ids(union));
    }
    try (SseClient client = SseClient.open("/v1/events?after=" + first.get(1).id(), developer)) {
      assertThat(ids(client.events(3, WAIT))).isEqualTo(ids(union).subList(2, 5));
    }
  }

  @Test
  void shouldSendKeepAliveCommentsThatCarryThePosition() throws Exception {
    String reader = Auth.newKey(Auth.newTenant(), "operator");
    try (SseClient client = SseClient.open("/v1/events", reader)) {
      SseClient.Message opened = client.next(WAIT);
      List<SseClient.Message> kept = new ArrayList<>();
      while (kept.size() < 2) {
        SseClient.Message m = client.next(Duration.ofSeconds(5));
        assertThat(m).as("a keep-alive within the interval").isNotNull();
        kept.add(m);
      }
      assertThat(kept).allSatisfy(m -> assertThat(m.comment()).isEqualTo("keep-alive"));
      assertThat(kept).allSatisfy(m -> assertThat(m.id()).isEqualTo(opened.id()));
    }
  }

  @Test
  void shouldRefuseAStreamOverTheTenantsLimitUntilOneCloses() throws Exception {
    String reader = Auth.newKey(Auth.newTenant(), "auditor");
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        SseClient client = SseClient.open("/v1/events", reader);
        open.add(client);
        assertThat(client.status()).isEqualTo(200);
      }
      try (SseClient refused = SseClient.open("/v1/events", reader)) {
        assertProblem(refused, 429, "too-many-streams");
      }
      open.removeFirst().close();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                SseClient again = SseClient.open("/v1/events", reader);
                if (again.status() == 200) {
                  open.add(again);
                  return true;
                }
                again.close();
                return false;
              });
    } finally {
      open.forEach(SseClient::close);
    }
  }

  @Test
  void shouldRefuseMalformedIdsAndFilters() throws Exception {
    String reader = Auth.newKey(Auth.newTenant(), "developer");
    for (String bad :
        List.of("12", "a-b", "1-2-3", "99999999999999999999-1", "-1-2", "1-", "7 -8")) {
      try (SseClient client = SseClient.open("/v1/events", reader, Map.of("Last-Event-ID", bad))) {
        assertProblem(client, 400, "Last-Event-ID");
      }
    }
    for (String query :
        List.of(
            "after=x",
            "type=completed",
            "type=run.Completed",
            "from=yesterday",
            "agent=" + "a".repeat(64),
            "timeout=0")) {
      try (SseClient client = SseClient.open("/v1/events?" + query, reader)) {
        assertThat(client.status()).as(query).isEqualTo(400);
        assertProblem(client, 400, "validation");
      }
    }
    String tooMany = "type=run.completed&".repeat(21);
    try (SseClient client = SseClient.open("/v1/events?" + tooMany, reader)) {
      assertProblem(client, 400, "at most 20 types");
    }
    try (SseClient client = SseClient.open("/v1/events", Auth.newKey(Auth.newTenant(), "admin"))) {
      assertProblem(client, 403, "forbidden");
    }
  }

  /** Each run's events arrive in seq order. */
  private static void assertInRunOrder(List<SseClient.Message> events) {
    Map<String, Integer> last = new java.util.HashMap<>();
    for (SseClient.Message m : events) {
      JsonNode event = json(m.data());
      String run = event.path("subject").asText();
      int seq = event.path("runseq").asInt();
      assertThat(seq).as("seq of run %s", run).isEqualTo(last.getOrDefault(run, 0) + 1);
      last.put(run, seq);
    }
  }

  private static List<String> keys(List<SseClient.Message> events) {
    return withoutComments(events).stream()
        .map(m -> json(m.data()))
        .map(e -> e.path("subject").asText() + "/" + e.path("runseq").asInt())
        .toList();
  }

  private static List<String> ids(List<SseClient.Message> events) {
    return events.stream().map(SseClient.Message::id).toList();
  }

  private List<String> storedKeys(String run) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT seq FROM outbox_event WHERE run_id = ? ORDER BY seq")) {
      ps.setObject(1, UUID.fromString(run));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(run + "/" + rs.getInt(1));
        }
      }
    }
    return keys;
  }
}
