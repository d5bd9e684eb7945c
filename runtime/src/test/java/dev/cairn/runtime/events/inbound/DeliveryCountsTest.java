package dev.cairn.runtime.events.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryCountsTest {
  private final DeliveryCounts counts = new DeliveryCounts();

  private static Delivery delivery(String id, long brokerCount) {
    return new Delivery(id, null, new byte[0], null, Map.of(), brokerCount);
  }

  @Test
  void shouldCountFailedDeliveriesPerMessageWhereTheBrokerDoesNot() {
    assertThat(counts.failedOnce(delivery("a", -1))).isEqualTo(1);
    assertThat(counts.failedOnce(delivery("a", -1))).isEqualTo(2);
    assertThat(counts.failedOnce(delivery("b", -1))).isEqualTo(1);
    assertThat(counts.failedOnce(delivery("a", -1))).isEqualTo(3);
  }

  @Test
  void shouldTrustTheBrokersCountWhenItIsHigher() {
    // A quorum queue counted four earlier deliveries, some of them to other replicas.
    assertThat(counts.failedOnce(delivery("a", 4))).isEqualTo(5);
  }

  @Test
  void shouldStartAgainForAMessageThatWasSettled() {
    counts.failedOnce(delivery("a", -1));
    counts.failedOnce(delivery("a", -1));
    counts.settled(delivery("a", -1));

    assertThat(counts.failedOnce(delivery("a", -1))).isEqualTo(1);
  }

  @Test
  void shouldForgetTheOldestMessagesBeyondItsCapacity() {
    counts.failedOnce(delivery("first", -1));
    for (int i = 0; i < DeliveryCounts.CAPACITY; i++) {
      counts.failedOnce(delivery("m" + i, -1));
    }

    assertThat(counts.failedOnce(delivery("first", -1))).isEqualTo(1);
    assertThat(counts.failedOnce(delivery("m" + (DeliveryCounts.CAPACITY - 1), -1))).isEqualTo(2);
  }
}
