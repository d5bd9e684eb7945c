package dev.cairn.runtime.events;

import dev.cairn.persistence.store.EventLogStore;
import dev.cairn.persistence.store.EventLogStore.Cursor;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.runtime.config.NodeIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the run event log to the {@code cairn-events} channel, at least once and in order per
 * run. Each replica holds a share of the log's partitions under a lease; for each it publishes the
 * events after its cursor, waits for the broker's confirmations, and moves the cursor past the
 * confirmed prefix only. Nothing here touches the engine's path: when the broker is away, events
 * wait in the log and the relay backs off.
 */
@ApplicationScoped
public class EventRelay {
  /** The consumer name of the relay's cursors. */
  public static final String CONSUMER = "broker";

  private static final Logger LOG = Logger.getLogger(EventRelay.class);

  private final EventLogStore store;
  private final EventsConfig config;
  private final RelayMetrics metrics;
  private final Clock clock;
  private final String node;
  private final Emitter<String> emitter;
  private final boolean enabled;
  private volatile boolean running;
  private Thread thread;
  private final Map<Integer, Cursor> held = new LinkedHashMap<>();
  private Instant renewAt = Instant.MIN;

  /**
   * Creates the relay.
   *
   * @param store the event log
   * @param config settings
   * @param metrics lag and backlog meters
   * @param clock clock
   * @param node this replica
   * @param emitter the outgoing channel
   * @param connector the channel's connector; the relay runs unless it is the no-broker one
   */
  public EventRelay(
      EventLogStore store,
      EventsConfig config,
      RelayMetrics metrics,
      Clock clock,
      NodeIdentity node,
      @Channel("cairn-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          Emitter<String> emitter,
      @ConfigProperty(name = "mp.messaging.outgoing.cairn-events.connector") String connector) {
    this.store = store;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.node = node.id();
    this.emitter = emitter;
    this.enabled = !NoBrokerConnector.NAME.equals(connector);
  }

  /**
   * Whether this replica publishes events to a broker.
   *
   * @return true when the channel has a broker connector
   */
  public boolean enabled() {
    return enabled;
  }

  void onStart(@Observes StartupEvent event) {
    if (!enabled) {
      LOG.debug("event relay off: the cairn-events channel has no broker connector");
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("cairn-event-relay").daemon().start(this::loop);
    LOG.infof("event relay started on %s", node);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (thread == null) {
      return;
    }
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
      store.releaseAll(CONSUMER, node);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debugf(e, "could not release event partitions on shutdown");
    }
  }

  private void loop() {
    Duration pause = config.relay().pollInterval();
    while (running) {
      Duration sleep;
      try {
        RoundResult result = round();
        sleep =
            switch (result) {
              case PUBLISHED -> Duration.ZERO;
              case IDLE -> config.relay().pollInterval();
              case FAILED -> pause = backoff(pause);
            };
        if (result != RoundResult.FAILED) {
          pause = config.relay().pollInterval();
        }
      } catch (RuntimeException e) {
        LOG.warnf("event relay round failed: %s", e.toString());
        sleep = pause = backoff(pause);
      }
      if (!sleep.isZero() && !sleepFor(sleep)) {
        return;
      }
    }
  }

  private Duration backoff(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(config.relay().maxBackoff()) > 0
        ? config.relay().maxBackoff()
        : doubled;
  }

  private boolean sleepFor(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private enum RoundResult {
    PUBLISHED,
    IDLE,
    FAILED
  }

  private RoundResult round() {
    Instant now = clock.instant();
    if (!now.isBefore(renewAt)) {
      List<Cursor> cursors =
          store.holdPartitions(CONSUMER, node, now, now.plus(config.relay().leaseTtl()));
      held.clear();
      cursors.forEach(c -> held.put(c.partition(), c));
      renewAt = now.plus(config.relay().leaseTtl().dividedBy(3));
      metrics.partitionsHeld(held.size());
    }
    List<StoredEvent> events = store.read(held.values(), config.relay().batchSize());
    if (events.isEmpty()) {
      return RoundResult.IDLE;
    }
    List<CompletableFuture<Void>> confirmations = new ArrayList<>(events.size());
    RuntimeException refused = null;
    for (StoredEvent event : events) {
      CompletableFuture<Void> confirmed = new CompletableFuture<>();
      confirmations.add(confirmed);
      if (refused != null) {
        confirmed.completeExceptionally(refused); // not sent; published next round
        continue;
      }
      try {
        emitter.send(EventMessages.of(event, confirmed));
      } catch (RuntimeException e) {
        refused = e; // buffer full or channel down: retried next round
        confirmed.completeExceptionally(e);
      }
    }
    boolean complete = awaitAll(confirmations);
    Instant confirmedAt = clock.instant();
    Map<Integer, Cursor> progress = ConfirmedPrefix.of(events, confirmations);
    int published = 0;
    for (int i = 0; i < events.size(); i++) {
      StoredEvent event = events.get(i);
      Cursor reached = progress.get(event.partition());
      if (reached != null && event.id() <= reached.lastId() && isDone(confirmations.get(i))) {
        metrics.published(Duration.between(event.time(), confirmedAt));
        published++;
      }
    }
    for (Cursor cursor : progress.values()) {
      if (store.advance(CONSUMER, node, cursor, confirmedAt)) {
        held.put(cursor.partition(), cursor);
      } else {
        held.remove(cursor.partition()); // lost the lease: renew next round
        renewAt = Instant.MIN;
      }
    }
    if (!complete || published < events.size()) {
      metrics.failedRound();
      return published == 0 ? RoundResult.FAILED : RoundResult.PUBLISHED;
    }
    return RoundResult.PUBLISHED;
  }

  private static boolean isDone(CompletableFuture<Void> f) {
    return f.isDone() && !f.isCompletedExceptionally();
  }

  private boolean awaitAll(List<CompletableFuture<Void>> confirmations) {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
    try {
      all.get(config.relay().confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      LOG.warnf(
          "broker did not confirm %d events within %s; they will be published again",
          confirmations.stream().filter(f -> !f.isDone()).count(), config.relay().confirmTimeout());
      return false;
    } catch (ExecutionException e) {
      LOG.warnf("broker refused events: %s", e.getCause() == null ? e : e.getCause().toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
