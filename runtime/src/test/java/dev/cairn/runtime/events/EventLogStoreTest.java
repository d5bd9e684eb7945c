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
}
