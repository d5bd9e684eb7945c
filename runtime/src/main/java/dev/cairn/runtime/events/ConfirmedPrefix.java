package dev.cairn.runtime.events;

import dev.cairn.persistence.store.EventLogStore.Cursor;
import dev.cairn.persistence.store.StoredEvent;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where each partition's cursor may move after a round: past the longest run of confirmed events
 * from the start of the partition's batch. An event that was not confirmed, and every event after
 * it in its partition, is published again next round (duplicates carry the same id), so no event is
 * skipped and a run's events are never passed out of order.
 */
final class ConfirmedPrefix {
  private ConfirmedPrefix() {}

  /**
   * The new cursors.
   *
   * @param events the round's events, ordered by partition then log order
   * @param confirmations one per event, in the same order
   * @return per partition with progress, the cursor after its last event confirmed in order
   */
  static Map<Integer, Cursor> of(
      List<StoredEvent> events, List<CompletableFuture<Void>> confirmations) {
    Map<Integer, Cursor> cursors = new LinkedHashMap<>();
    Set<Integer> stopped = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      StoredEvent event = events.get(i);
      if (stopped.contains(event.partition())) {
        continue;
      }
      CompletableFuture<Void> confirmed = confirmations.get(i);
      if (confirmed.isDone() && !confirmed.isCompletedExceptionally()) {
        cursors.put(event.partition(), Cursor.after(event));
      } else {
        stopped.add(event.partition());
      }
    }
    return cursors;
  }
}
