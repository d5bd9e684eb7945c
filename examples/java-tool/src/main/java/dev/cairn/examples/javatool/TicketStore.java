package dev.cairn.examples.javatool;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tickets in memory, keyed by the idempotency key of the call that opened them: a call repeated
 * with the same key (the engine re-runs an idempotent call interrupted by a crash) gets the ticket
 * opened the first time instead of a second one. A real store would keep the key in a unique column
 * of its table.
 */
@ApplicationScoped
public class TicketStore {
  private final Map<String, Ticket> byKey = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();

  /**
   * Opens a ticket once per idempotency key.
   *
   * @param idempotencyKey the call's key
   * @param title the title
   * @param priority the priority
   * @return the ticket opened by the first call with this key
   */
  public Ticket open(String idempotencyKey, String title, Priority priority) {
    attempts.incrementAndGet();
    return byKey.computeIfAbsent(
        idempotencyKey, key -> new Ticket("T-" + ids.incrementAndGet(), title, priority, key));
  }

  /**
   * The ticket a call opened.
   *
   * @param idempotencyKey the call's key
   * @return the ticket, or null
   */
  public Ticket byKey(String idempotencyKey) {
    return byKey.get(idempotencyKey);
  }

  /**
   * Every ticket opened with one of these keys.
   *
   * @param idempotencyKeys keys
   * @return the tickets
   */
  public List<Ticket> byKeys(List<String> idempotencyKeys) {
    return idempotencyKeys.stream().map(byKey::get).filter(t -> t != null).toList();
  }

  /**
   * How many times {@link #open} was called, repeats included.
   *
   * @return the count
   */
  public int attempts() {
    return attempts.get();
  }
}
