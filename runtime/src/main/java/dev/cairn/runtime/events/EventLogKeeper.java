package dev.cairn.runtime.events;

import dev.cairn.persistence.store.EventLogStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the event log bounded and observed: deletes events older than the retention that every
 * running consumer has passed, and measures the relay's backlog.
 */
@ApplicationScoped
public class EventLogKeeper {
  private static final Logger LOG = Logger.getLogger(EventLogKeeper.class);
  private static final int PRUNE_BATCH = 5_000;
  private static final int BACKLOG_CAP = 10_000;

  private final EventLogStore store;
  private final EventsConfig config;
  private final RelayMetrics metrics;
  private final EventRelay relay;
  private final Clock clock;
  private final boolean webhooksEnabled;
  private volatile Instant nextPrune = Instant.MIN;

  /**
   * Creates the keeper.
   *
   * @param store the event log
   * @param config settings
   * @param metrics meters
   * @param relay the broker relay
   * @param clock clock
   * @param webhooksEnabled whether the webhook dispatcher reads the log
   */
  public EventLogKeeper(
      EventLogStore store,
      EventsConfig config,
      RelayMetrics metrics,
      EventRelay relay,
      Clock clock,
      @ConfigProperty(name = "cairn.webhooks.enabled", defaultValue = "true")
          boolean webhooksEnabled) {
    this.store = store;
    this.config = config;
    this.metrics = metrics;
    this.relay = relay;
    this.clock = clock;
    this.webhooksEnabled = webhooksEnabled;
  }

  /**
   * The consumers an event must have passed before it may be pruned.
   *
   * @return consumer names
   */
  List<String> consumers() {
    List<String> consumers = new ArrayList<>(2);
    if (relay.enabled()) {
      consumers.add(EventRelay.CONSUMER);
    }
    if (webhooksEnabled) {
      consumers.add("webhooks");
    }
    return consumers;
  }

  @Scheduled(
      every = "10s",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      identity = "cairn-event-log-keeper")
  void keep() {
    Instant now = clock.instant();
    try {
      if (relay.enabled()) {
        EventLogStore.Backlog backlog = store.backlog(EventRelay.CONSUMER, BACKLOG_CAP);
        metrics.backlog(
            backlog.events(),
            backlog.oldest() == null ? Duration.ZERO : Duration.between(backlog.oldest(), now));
      }
      if (!now.isBefore(nextPrune)) {
        nextPrune = now.plus(config.pruneInterval());
        int deleted = store.prune(consumers(), now.minus(config.retention()), PRUNE_BATCH);
        if (deleted > 0) {
          LOG.debugf("pruned %d events older than %s", deleted, config.retention());
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("event log upkeep failed: %s", e.toString());
    }
  }
}
