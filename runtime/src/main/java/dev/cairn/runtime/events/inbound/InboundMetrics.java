package dev.cairn.runtime.events.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters of the inbound channel, exported at {@code /q/metrics}: {@code
 * cairn_inbound_messages_total{outcome}} ({@code accepted}, {@code duplicate}, {@code
 * dead_lettered}, {@code requeued}), {@code cairn_inbound_dead_letters_total{reason}} by problem
 * type, and {@code cairn_inbound_retries_total} (attempts repeated after a transient failure).
 */
@ApplicationScoped
public class InboundMetrics {
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter duplicate;
  private final Counter deadLettered;
  private final Counter requeued;
  private final Counter retries;

  /**
   * Creates the counters.
   *
   * @param registry the registry
   */
  public InboundMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = outcome("accepted");
    this.duplicate = outcome("duplicate");
    this.deadLettered = outcome("dead_lettered");
    this.requeued = outcome("requeued");
    this.retries =
        Counter.builder("cairn.inbound.retries")
            .description("Submissions from the queue attempted again after a transient failure")
            .register(registry);
  }

  private Counter outcome(String outcome) {
    return Counter.builder("cairn.inbound.messages")
        .description("Messages of the inbound channel by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** A message made a new run. */
  void accepted() {
    accepted.increment();
  }

  /** A message's id had already made its run; nothing new was created. */
  void duplicate() {
    duplicate.increment();
  }

  /**
   * A message went to the dead-letter channel.
   *
   * @param rejection why
   */
  void deadLettered(Rejection rejection) {
    deadLettered.increment();
    Counter.builder("cairn.inbound.dead.letters")
        .description("Messages of the inbound channel dead-lettered, by reason")
        .tag("reason", rejection.type())
        .register(registry)
        .increment();
  }

  /** A message was given back to the broker after transient failures. */
  void requeued() {
    requeued.increment();
  }

  /** A submission is attempted again after a transient failure. */
  void retried() {
    retries.increment();
  }
}
