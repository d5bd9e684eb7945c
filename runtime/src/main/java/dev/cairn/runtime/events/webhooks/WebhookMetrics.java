package dev.cairn.runtime.events.webhooks;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.WebhookDeliveryStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook metrics: {@code cairn_webhook_attempts_total{outcome}} per attempt (delivered, retry,
 * dead, lost: the claim was taken from it), {@code cairn_webhook_deliveries_created_total}, and the
 * gauges {@code cairn_webhook_deliveries{state}} of pending and dead deliveries (all tenants),
 * refreshed every 15 s.
 */
@ApplicationScoped
public class WebhookMetrics {
  /** How an attempt ended. */
  public enum Outcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** It failed and will be tried again. */
    RETRY,
    /** It failed for the last time. */
    DEAD,
    /** Its claim was lost (a redelivery or a takeover); nothing was recorded. */
    LOST
  }

  private final WebhookDeliveryStore store;
  private final Map<Outcome, Counter> attempts = new EnumMap<>(Outcome.class);
  private final Counter created;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();

  /**
   * Registers the meters.
   *
   * @param store delivery counts
   * @param registry the registry
   */
  public WebhookMetrics(WebhookDeliveryStore store, MeterRegistry registry) {
    this.store = store;
    for (Outcome outcome : Outcome.values()) {
      attempts.put(
          outcome,
          Counter.builder("cairn.webhook.attempts")
              .description("Webhook delivery attempts by outcome")
              .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    created =
        Counter.builder("cairn.webhook.deliveries.created")
            .description("Webhook deliveries created from run events")
            .register(registry);
    Gauge.builder("cairn.webhook.deliveries", pending, AtomicLong::get)
        .description("Webhook deliveries not yet delivered (all tenants), refreshed every 15 s")
        .tag("state", "PENDING")
        .register(registry);
    Gauge.builder("cairn.webhook.deliveries", dead, AtomicLong::get)
        .description("Dead webhook deliveries (all tenants), refreshed every 15 s")
        .tag("state", "DEAD")
        .register(registry);
  }

  void attempt(Outcome outcome) {
    attempts.get(outcome).increment();
  }

  void created(int count) {
    created.increment(count);
  }

  @Scheduled(every = "15s", delay = 5, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      long[] counts = store.counts();
      pending.set(counts[0]);
      dead.set(counts[1]);
    } catch (PersistenceException e) {
      // The database is away; keep the last values until it returns.
    }
  }
}
