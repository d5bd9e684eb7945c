package dev.cairn.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.EventLogStore.Cursor;
import dev.cairn.persistence.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConfirmedPrefixTest {
  private static final UUID RUN = UUID.randomUUID();

  private static StoredEvent event(int partition, long id) {
    return new StoredEvent(
        id, "100", RUN, (int) id, "t", "a", "run.step.committed", "{}", Instant.EPOCH, partition);
  }

  private static CompletableFuture<Void> ok() {
    return CompletableFuture.completedFuture(null);
  }

  private static CompletableFuture<Void> failed() {
    return CompletableFuture.failedFuture(new IllegalStateException("nack"));
  }

  @Test
  void shouldMoveEachPartitionPastItsLastEventWhenAllAreConfirmed() {
    Map<Integer, Cursor> cursors =
        ConfirmedPrefix.of(
            List.of(event(1, 10), event(1, 11), event(2, 12)), List.of(ok(), ok(), ok()));
    assertThat(cursors).containsOnlyKeys(1, 2);
    assertThat(cursors.get(1).lastId()).isEqualTo(11);
    assertThat(cursors.get(2).lastId()).isEqualTo(12);
  }

  @Test
  void shouldStopAPartitionAtItsFirstUnconfirmedEventEvenWhenLaterOnesWereConfirmed() {
    Map<Integer, Cursor> cursors =
        ConfirmedPrefix.of(
            List.of(event(1, 10), event(1, 11), event(1, 13), event(2, 12)),
            List.of(ok(), failed(), ok(), ok()));
    assertThat(cursors.get(1).lastId()).isEqualTo(10);
    assertThat(cursors.get(2).lastId()).isEqualTo(12);
  }

  @Test
  void shouldNotMoveAPartitionWhoseFirstEventIsStillUnconfirmed() {
    Map<Integer, Cursor> cursors =
        ConfirmedPrefix.of(
            List.of(event(3, 10), event(3, 11)), List.of(new CompletableFuture<>(), ok()));
    assertThat(cursors).doesNotContainKey(3);
  }
}
