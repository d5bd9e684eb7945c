package dev.cairn.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StepStoreOrderTest {
  @Test
  void shouldOrderUuidsLikePostgresDoes() {
    UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
    UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
    // Signed comparison puts "8..." first; Postgres (bytewise) puts it last.
    assertThat(high.compareTo(low)).isNegative();
    assertThat(StepStore.postgresOrder(low, high)).isNegative();
    assertThat(StepStore.postgresOrder(high, low)).isPositive();
    UUID a = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID b = UUID.fromString("00000000-0000-0000-8000-000000000000");
    assertThat(StepStore.postgresOrder(a, b)).isNegative();
    assertThat(StepStore.postgresOrder(a, a)).isZero();
  }
}
