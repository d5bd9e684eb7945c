package dev.cairn.runtime.events.sse;

import static dev.cairn.runtime.events.sse.StreamFixtures.awaitTerminal;
import static dev.cairn.runtime.events.sse.StreamFixtures.ids;
import static dev.cairn.runtime.events.sse.StreamFixtures.json;
import static dev.cairn.runtime.events.sse.StreamFixtures.publishStepper;
import static dev.cairn.runtime.events.sse.StreamFixtures.withoutComments;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.testing.Auth;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/runs/{id}/events}: a run's events, gap-free, resumable, ending with the run. */
@QuarkusTest
class RunEventStreamTest {
  private static final String KEY = Auth.PLATFORM_ADMIN_KEY;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject DataSource dataSource;

  @Test
  void shouldStreamEveryEventOfARunInSeqOrderAndEndOnceTheRunIsTerminal() throws Exception {
    String agent = publishStepper(KEY, 3, 0);
    String run = Auth.submit(KEY, agent);
    List<SseClient.Message> events;
    try (SseClient client = SseClient.open("/v1/runs/" + run + "/events", KEY)) {
      assertThat(client.status()).isEqualTo(200);
      assertThat(client.header("Content-Type")).startsWith("text/event-stream");
      assertThat(client.header("Cache-Control")).isEqualTo("no-store");
      events = withoutComments(client.untilEnd(WAIT));
    }
    List<String> stored = storedTypes(run);
    assertThat(stored).hasSizeGreaterThanOrEqualTo(8);
    assertThat(ids(events)).isEqualTo(oneTo(stored.size()));
    assertThat(events.getFirst().event()).isEqualTo("dev.cairn.run.submitted");
    assertThat(events.getLast().event()).isEqualTo("dev.cairn.run.completed");
    for (int i = 0; i < events.size(); i++) {
      SseClient.Message message = events.get(i);
      JsonNode cloudEvent = json(message.data());
      assertThat(message.data()).doesNotContain("\n");
      assertThat(message.event()).isEqualTo("dev.cairn." + stored.get(i));
      assertThat(cloudEvent.path("type").asText()).isEqualTo(message.event());
      assertThat(cloudEvent.path("specversion").asText()).isEqualTo("1.0");
      assertThat(cloudEvent.path("id").asText()).isEqualTo(run + "/" + (i + 1));
      assertThat(cloudEvent.path("subject").asText()).isEqualTo(run);
      assertThat(cloudEvent.path("runseq").asInt()).isEqualTo(i + 1);
      assertThat(cloudEvent.path("agent").asText()).isEqualTo(agent);
    }
  }

  @Test
  void shouldContinueExactlyAfterTheLastEventIdWhenAClientReconnects() throws Exception {
    String agent = publishStepper(KEY, 4, 150);
    String run = Auth.submit(KEY, agent);
    String path = "/v1/runs/" + run + "/events";
    List<SseClient.Message> first;
    try (SseClient client = SseClient.open(path, KEY)) {
      first = client.events(3, WAIT);
    }
    assertThat(ids(first)).containsExactly(1, 2, 3);
    List<SseClient.Message> rest;
    try (SseClient client = SseClient.open(path, KEY, Map.of("Last-Event-ID", "3"))) {
      rest = withoutComments(client.untilEnd(WAIT));
    }
    int total = storedTypes(run).size();
    List<Integer> union = new ArrayList<>(ids(first));
    union.addAll(ids(rest));
    assertThat(union).isEqualTo(oneTo(total));

    try (SseClient client = SseClient.open(path + "?after=" + (total - 2), KEY)) {
      assertThat(ids(client.untilEnd(WAIT))).containsExactly(total - 1, total);
    }
    // A reconnecting EventSource keeps its URL: the header, which is newer, wins over 'after'.
    try (SseClient client =
        SseClient.open(path + "?after=1", KEY, Map.of("Last-Event-ID", "" + (total - 1)))) {
      assertThat(ids(client.untilEnd(WAIT))).containsExactly(total);
    }
    try (SseClient client =
        SseClient.open(path, KEY, Map.of("Last-Event-ID", Integer.toString(total)))) {
      assertThat(withoutComments(client.untilEnd(WAIT))).isEmpty();
    }
  }

  @Test
  void shouldSendKeepAliveCommentsWhileTheRunIsQuiet() throws Exception {
    String agent = publishStepper(KEY, 0, 3_500);
    String run = Auth.submit(KEY, agent);
    try (SseClient client = SseClient.open("/v1/runs/" + run + "/events", KEY)) {
      List<SseClient.Message> all = client.untilEnd(WAIT);
      assertThat(all).filteredOn(SseClient.Message::isComment).isNotEmpty();
      assertThat(all)
          .filteredOn(SseClient.Message::isComment)
          .allSatisfy(m -> assertThat(m.comment()).isEqualTo("keep-alive"));
      assertThat(ids(all)).isEqualTo(oneTo(storedTypes(run).size()));
    }
    assertThat(awaitTerminal(KEY, run)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldAnswer404ForAnUnknownRunAndForAnotherTenantsRun() throws Exception {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String theirs = Auth.submit(developer, Auth.publishScripted(developer, 0));
    for (String run : List.of(theirs, UUID.randomUUID().toString())) {
      try (SseClient client = SseClient.open("/v1/runs/" + run + "/events", KEY)) {
        assertThat(client.status()).isEqualTo(404);
        assertThat(client.header("Content-Type")).startsWith("application/problem+json");
        assertThat(client.body()).contains("urn:cairn:problem:not-found");
      }
    }
    try (SseClient client = SseClient.open("/v1/runs/" + theirs + "/events", developer)) {
      assertThat(client.status()).isEqualTo(200);
      assertThat(ids(client.untilEnd(WAIT))).startsWith(1);
    }
  }

  @Test
  void shouldRefuseMalformedIdsWithAProblem() throws Exception {
    String run = Auth.submit(KEY, Auth.publishScripted(KEY, 0));
    String path = "/v1/runs/" + run + "/events";
    for (String bad : List.of("abc", "-1", "1-2", "99999999999", "1.0", "0x1")) {
      try (SseClient client = SseClient.open(path, KEY, Map.of("Last-Event-ID", bad))) {
        assertProblem(client, 400, "Last-Event-ID");
      }
    }
    try (SseClient client = SseClient.open(path + "?after=x", KEY)) {
      assertProblem(client, 400, "after");
    }
    try (SseClient client = SseClient.open("/v1/runs/not-a-run/events", KEY)) {
      assertProblem(client, 400, "id");
    }
    try (SseClient client = SseClient.open(path + "?timeout=0", KEY)) {
      assertProblem(client, 400, "timeout");
    }
  }

  @Test
  void shouldRefuseCallersWithoutAReadingRole() throws Exception {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String run = Auth.submit(developer, Auth.publishScripted(developer, 0));
    String admin = Auth.newKey(tenant, "admin");
    try (SseClient client = SseClient.open("/v1/runs/" + run + "/events", admin)) {
      assertProblem(client, 403, "forbidden");
    }
    try (SseClient client = SseClient.open("/v1/runs/" + run + "/events", "cairn_short")) {
      assertProblem(client, 401, "unauthorized");
    }
  }

  static void assertProblem(SseClient client, int status, String mention) throws Exception {
    assertThat(client.status()).isEqualTo(status);
    assertThat(client.header("Content-Type")).startsWith("application/problem+json");
    assertThat(client.body()).contains(mention).doesNotContain("Exception");
  }

  private List<String> storedTypes(String run) throws Exception {
    List<String> types = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT type FROM outbox_event WHERE run_id = ? ORDER BY seq")) {
      ps.setObject(1, UUID.fromString(run));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          types.add(rs.getString(1));
        }
      }
    }
    return types;
  }

  private static List<Integer> oneTo(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }
}
