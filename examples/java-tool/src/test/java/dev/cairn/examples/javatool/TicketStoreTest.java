package dev.cairn.examples.javatool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketStoreTest {
  @Test
  void shouldOpenOneTicketPerIdempotencyKey() {
    TicketStore store = new TicketStore();
    Ticket first = store.open("run:4", "Printer on fire", Priority.HIGH);
    Ticket repeated = store.open("run:4", "Printer on fire", Priority.HIGH);
    Ticket other = store.open("run:6", "Toner low", Priority.LOW);

    assertThat(repeated).isEqualTo(first);
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(store.attempts()).isEqualTo(3);
    assertThat(store.byKey("run:4").title()).isEqualTo("Printer on fire");
  }
}
