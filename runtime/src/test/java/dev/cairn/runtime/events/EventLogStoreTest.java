package dev.cairn.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.EventLogStore;
import dev.cairn.persistence.store.EventLogStore.Cursor;
import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partitions of the event log are split between replicas under leases, and cursors are fenced. */
@QuarkusTest
class EventLogStoreTest {
  private static final String CONSUMER = "broker"; // not relayed in the default test profile

  @Inject EventLogStore store;
  @Inject DataSource dataSource;

  @BeforeEach
  @AfterEach
  void releaseEverything() {
    new Db(dataSource)
        .execute(
            "UPDATE outbox_cursor SET owner = NULL, lease_expires_at = NULL WHERE consumer = ?",
            CONSUMER);
    new Db(dataSource).execute("DELETE FROM outbox_reader WHERE consumer = ?", CONSUMER);
  }

  private static Set<Integer> partitions(List<Cursor> cursors) {
    Set<Integer> p = new HashSet<>();
    cursors.forEach(c -> p.add(c.partition()));
    return p;
  }

  @Test
  void shouldSplitPartitionsBetweenTwoReplicasWithoutOverlap() {
    Instant now = Instant.now();
    Instant until = now.plusSeconds(30);
    String a = "node-a-" + UUID.randomUUID();
    String b = "node-b-" + UUID.randomUUID();
    assertThat(store.holdPartitions(CONSUMER, a, now, until)).hasSize(16);
    List<Cursor> b1 = store.holdPartitions(CONSUMER, b, now, until);
    assertThat(b1).isEmpty(); // all held by a
    List<Cursor> a2 = store.holdPartitions(CONSUMER, a, now, until); // a sees b: gives back half
    assertThat(a2).hasSize(8);
    List<Cursor> b2 = store.holdPartitions(CONSUMER, b, now, until);
    assertThat(b2).hasSize(8);
    Set<Integer> overlap = partitions(a2);
    overlap.retainAll(partitions(b2));
    assertThat(overlap).isEmpty();
  }

  @Test
  void shouldHandOverTheDeadReplicasPartitionsWhenItsLeaseExpires() {
    Instant now = Instant.now();
    String dead = "node-dead-" + UUID.randomUUID();
    String alive = "node-alive-" + UUID.randomUUID();
    store.holdPartitions(CONSUMER, dead, now, now.plusSeconds(5));
    assertThat(store.holdPartitions(CONSUMER, alive, now, now.plusSeconds(5))).isEmpty();
    Instant later = now.plusSeconds(6);
    assertThat(store.holdPartitions(CONSUMER, alive, later, later.plusSeconds(5))).hasSize(16);
  }

  @Test
  void shouldRefuseToMoveACursorOfAPartitionTheNodeDoesNotHold() {
    Instant now = Instant.now();
    String holder = "node-h-" + UUID.randomUUID();
    List<Cursor> held = store.holdPartitions(CONSUMER, holder, now, now.plusSeconds(30));
    Cursor first = held.get(0);
    Cursor moved = new Cursor(first.partition(), first.lastTx(), first.lastId() + 1);
    assertThat(store.advance(CONSUMER, "someone-else", moved, now)).isFalse();
    assertThat(store.advance(CONSUMER, holder, moved, now)).isTrue();
    new Db(dataSource)
        .execute(
            "UPDATE outbox_cursor SET last_tx = ?::xid8, last_id = ? WHERE consumer = ?"
                + " AND partition = ?",
            first.lastTx(),
            first.lastId(),
            CONSUMER,
            first.partition());
  }

  @Test
  void shouldPruneOnlyEventsOlderThanTheRetentionThatEveryConsumerPassed() {
    Db db = new Db(dataSource);
    UUID run = UUID.randomUUID();
    String agent = "prune-probe-" + run;
    db.execute(
        "INSERT INTO agent_definition (tenant_id, name, version, spec, spec_hash, created_at,"
            + " published_by) VALUES ('default', ?, 1, '{}'::jsonb, 'h', now(), 't')",
        agent);
    db.execute(
        "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input,"
            + " wake_at, created_at, updated_at, submitted_by)"
            + " VALUES (?, 'default', ?, 1, 'COMPLETED', '\"x\"', now(), now(), now(), 't')",
        run,
        agent);
    db.execute(
        "INSERT INTO outbox_event (run_id, tenant_id, seq, agent_name, type, payload, created_at)"
            + " VALUES (?, 'default', 1, 'prune-probe', 'run.submitted', '{}',"
            + " now() - interval '10 days'),"
            + " (?, 'default', 2, 'prune-probe', 'run.completed', '{}', now())",
        run,
        run);
    int partition =
        (int) db.count("SELECT partition FROM outbox_event WHERE run_id = ? AND seq = 1", run);
    Instant retentionEdge = Instant.now().minus(java.time.Duration.ofDays(7));
    db.execute(
        "UPDATE outbox_cursor SET last_tx = '0', last_id = 0 WHERE consumer = ? AND partition = ?",
        CONSUMER,
        partition);

    store.prune(List.of(CONSUMER), retentionEdge, 1000);
    assertThat(db.count("SELECT count(*) FROM outbox_event WHERE run_id = ?", run))
        .as("the consumer has not passed them: nothing goes")
        .isEqualTo(2);

    db.execute(
        "UPDATE outbox_cursor c SET last_tx = e.tx, last_id = e.id FROM outbox_event e"
            + " WHERE e.run_id = ? AND e.seq = 2 AND c.consumer = ? AND c.partition = ?",
        run,
        CONSUMER,
        partition);
    store.prune(List.of(CONSUMER), retentionEdge, 1000);
    assertThat(db.count("SELECT count(*) FROM outbox_event WHERE run_id = ? AND seq = 1", run))
        .as("passed and older than the retention")
        .isZero();
    assertThat(db.count("SELECT count(*) FROM outbox_event WHERE run_id = ? AND seq = 2", run))
        .as("passed but within the retention")
        .isEqualTo(1);
    db.execute(
        "UPDATE outbox_cursor SET last_tx = '0', last_id = 0 WHERE consumer = ? AND partition = ?",
        CONSUMER,
        partition);
  }
}
