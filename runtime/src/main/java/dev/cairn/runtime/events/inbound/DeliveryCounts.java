package dev.cairn.runtime.events.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deliveries of a message that ended in a transient failure, where the broker does not count them
 * (a classic queue has only the {@code redelivered} flag): counted by message id on this replica,
 * for the most recent {@value #CAPACITY} messages. A message given back to another replica starts
 * again there, so the limit is per replica; a quorum queue's own count is used when present.
 */
@ApplicationScoped
public class DeliveryCounts {
  static final int CAPACITY = 10_000;

  private final Map<String, Integer> failed =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > CAPACITY;
        }
      };

  /**
   * Records one more delivery of the message that ended in a transient failure.
   *
   * @param delivery the delivery
   * @return deliveries of the message so far that failed this way (the broker's count when known)
   */
  public synchronized long failedOnce(Delivery delivery) {
    int counted = failed.merge(delivery.messageId(), 1, Integer::sum);
    return Math.max(counted, delivery.deliveryCount() + 1);
  }

  /**
   * Forgets a message that was settled (accepted or dead-lettered).
   *
   * @param delivery the delivery
   */
  public synchronized void settled(Delivery delivery) {
    failed.remove(delivery.messageId());
  }
}
