package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.persistence.store.EventLogStore;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.persistence.store.WebhookDeliveryStore;
import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The feature's promise, end to end: runs write events, the dispatcher turns them into deliveries,
 * workers post them signed, and a receiver that verifies every signature sees every event of the
 * types it subscribed to at least once, and nothing else.
 */
@QuarkusTest
class WebhookDeliveryTest {
  private static final List<String> TYPES =
      List.of("run.submitted", "dev.cairn.run.step.committed", "run.completed");

  @Inject DataSource dataSource;
  @Inject WebhookDeliveryStore deliveries;

  /** An event as the log holds it: id, type. */
  record Expected(String id, String type) {}

  @Test
  void shouldDeliverEverySubscribedEventSignedAtLeastOnceAndNothingElse() throws Exception {
    WebhookTenant tenant = new WebhookTenant();
    WebhookTenant other = new WebhookTenant();
    try (SignedReceiver filtered = SignedReceiver.start(200);
        SignedReceiver everything = SignedReceiver.start(204);
        SignedReceiver otherTenants = SignedReceiver.start(200)) {
      var typed = tenant.subscribe(filtered.url(), TYPES);
      filtered.secret(typed.secret());
      var all = tenant.subscribe(everything.url(), List.of());
      everything.secret(all.secret());
      otherTenants.secret(other.subscribe(otherTenants.url(), List.of()).secret());

      String agent = tenant.publishThreeStepAgent();
      List<String> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(tenant.submit(agent));
      }
      runs.forEach(tenant::awaitCompleted);

      List<Expected> logged = events(runs);
      Set<String> wanted =
          logged.stream()
              .filter(
                  e ->
                      Set.of("run.submitted", "run.step.committed", "run.completed")
                          .contains(e.type()))
              .map(Expected::id)
              .collect(Collectors.toSet());
      Set<String> every = logged.stream().map(Expected::id).collect(Collectors.toSet());
      // Three runs, each: submitted, three steps, completed.
      assertThat(wanted).hasSize(15);
      assertThat(logged.stream().map(Expected::type)).contains("run.completed");

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> ids(filtered).containsAll(wanted) && ids(everything).containsAll(every));

      assertThat(ids(filtered)).as("only the subscribed types").isEqualTo(wanted);
      assertThat(ids(everything)).isEqualTo(every);
      for (SignedReceiver receiver : List.of(filtered, everything)) {
        for (SignedReceiver.Received r : receiver.received()) {
          assertThat(r.verified()).as("signature of %s", r.eventId()).isTrue();
          assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
          var event = r.event();
          assertThat(event.path("specversion").asText()).isEqualTo("1.0");
          assertThat(event.path("id").asText()).isEqualTo(r.eventId());
          assertThat(event.path("type").asText()).isEqualTo(r.eventType());
          assertThat(event.path("tenant").asText()).isEqualTo(tenant.id);
          assertThat(r.eventId())
              .isEqualTo(event.path("subject").asText() + "/" + event.path("runseq").asInt());
          assertThat(r.attempt()).isEqualTo(1);
        }
      }
      assertThat(otherTenants.received()).as("another tenant's subscription").isEmpty();

      Db db = new Db(dataSource);
      assertThat(
              db.count(
                  "SELECT count(*) FROM webhook_delivery WHERE tenant_id = ? AND state = 'DELIVERED'"
                      + " AND attempts = 1 AND delivered_at IS NOT NULL AND claim_token IS NULL",
                  tenant.id))
          .isEqualTo(wanted.size() + every.size());
      assertThat(
              db.count(
                  "SELECT count(*) FROM webhook_delivery WHERE tenant_id = ? AND state <> 'DELIVERED'",
                  tenant.id))
          .isZero();
    }
  }

  @Test
  void shouldCreateEachDeliveryOnceWhenTheSameEventsAreFannedOutAgain() throws Exception {
    WebhookTenant tenant = new WebhookTenant();
    try (SignedReceiver receiver = SignedReceiver.start(200)) {
      receiver.secret(tenant.subscribe(receiver.url(), List.of("run.submitted")).secret());
      String run = tenant.submit(tenant.publishThreeStepAgent());
      tenant.awaitCompleted(run);
      Db db = new Db(dataSource);
      String count =
          "SELECT count(*) FROM webhook_delivery WHERE tenant_id = ? AND run_id = ?::uuid";
      await().atMost(Duration.ofSeconds(30)).until(() -> db.count(count, tenant.id, run) == 1);

      // A replica that crashed after the insert and before its cursor move reads these events
      // again: the same insert creates nothing.
      List<StoredEvent> again = storedEvents(run);
      assertThat(again).isNotEmpty();
      assertThat(deliveries.fanOut(again, List.of(), "no-partitions-moved", Instant.now()))
          .isZero();
      assertThat(db.count(count, tenant.id, run)).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> receiver.received().size() == 1 && receiver.received().get(0).verified());
    }
  }

  @Test
  void shouldWriteNoDeliveryWhenTheCursorCannotMoveInTheSameTransaction() throws Exception {
    WebhookTenant tenant = new WebhookTenant();
    String run = tenant.submit(tenant.publishThreeStepAgent());
    tenant.awaitCompleted(run);
    List<StoredEvent> events = storedEvents(run);
    StoredEvent last = events.getLast();
    Db db = new Db(dataSource);
    // The dispatcher has passed these events (no subscription then: nothing was created).
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM outbox_cursor WHERE consumer = 'webhooks'"
                            + " AND partition = ? AND (last_tx, last_id) >= (?::xid8, ?)",
                        (short) last.partition(),
                        last.tx(),
                        last.id())
                    == 1);
    // A subscription that predates the events, so they match it.
    db.execute(
        "INSERT INTO webhook_subscription (id, tenant_id, url, secret, created_by, created_at)"
            + " VALUES (gen_random_uuid(), ?, 'http://127.0.0.1:9/x', 'plain:whsec_x', 'test',"
            + " '2000-01-01T00:00:00Z')",
        tenant.id);
    String count = "SELECT count(*) FROM webhook_delivery WHERE run_id = ?::uuid";

    // A replica whose partition lease moved on: its inserts roll back with its cursor move.
    int lost =
        deliveries.fanOut(
            events, List.of(EventLogStore.Cursor.after(last)), "not-the-owner", Instant.now());
    assertThat(lost).isEqualTo(-1);
    assertThat(db.count(count, run)).isZero();

    // The same insert alone does create them: the rollback above undid real rows.
    assertThat(deliveries.fanOut(events, List.of(), "no-partitions-moved", Instant.now()))
        .isEqualTo(events.size());
    assertThat(db.count(count, run)).isEqualTo(events.size());
    db.execute("UPDATE webhook_subscription SET deleted_at = now() WHERE tenant_id = ?", tenant.id);
  }

  @Test
  void shouldFailVerificationForAWrongSecretATamperedBodyOrAStaleTimestamp() {
    // The negative control of the receiver's check: it is not blind.
    String secret = WebhookSignature.newSecret();
    String body = "{\"id\":\"r/1\"}";
    long now = Instant.now().getEpochSecond();
    String header = WebhookSignature.header(secret, now, body);
    assertThat(SignedReceiver.verify(secret, header, body, now)).isTrue();
    assertThat(SignedReceiver.verify(WebhookSignature.newSecret(), header, body, now)).isFalse();
    assertThat(SignedReceiver.verify(secret, header, body.replace("1", "2"), now)).isFalse();
    assertThat(SignedReceiver.verify(secret, header, body + " ", now)).isFalse();
    assertThat(SignedReceiver.verify(secret, header, body, now + 301)).isFalse();
    String replayed = WebhookSignature.header(secret, now - 3600, body);
    assertThat(SignedReceiver.verify(secret, replayed, body, now)).isFalse();
    assertThat(
            SignedReceiver.verify(secret, header.replace("t=" + now, "t=" + (now + 1)), body, now))
        .isFalse();
    assertThat(SignedReceiver.verify(secret, null, body, now)).isFalse();
  }

  private static Set<String> ids(SignedReceiver receiver) {
    Set<String> ids = new HashSet<>();
    receiver.received().forEach(r -> ids.add(r.eventId()));
    return ids;
  }

  private List<Expected> events(List<String> runs) throws SQLException {
    List<Expected> out = new ArrayList<>();
    for (String run : runs) {
      for (StoredEvent e : storedEvents(run)) {
        out.add(new Expected(e.runId() + "/" + e.seq(), e.type()));
      }
    }
    return out;
  }

  private List<StoredEvent> storedEvents(String run) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, tx::text, run_id, seq, tenant_id, agent_name, type, payload::text,"
                    + " created_at, partition FROM outbox_event WHERE run_id = ? ORDER BY seq")) {
      ps.setObject(1, UUID.fromString(run));
      try (ResultSet rs = ps.executeQuery()) {
        return EventLogStore.events(rs);
      }
    }
  }
}
