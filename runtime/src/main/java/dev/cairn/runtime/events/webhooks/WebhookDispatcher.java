package dev.cairn.runtime.events.webhooks;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.EventLogStore;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.persistence.store.WebhookDeliveryStore;
import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.config.NodeIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The {@code webhooks} consumer of the run event log on this replica: holds its share of the log's
 * partitions under leases, reads the events after its cursors, and in one transaction creates the
 * deliveries of every matching subscription and moves the cursors past the events. With no
 * subscriptions it still moves the cursors (one cheap statement per batch), so the log can be
 * pruned. The replica holding partition 0 also prunes old deliveries.
 */
@ApplicationScoped
public class WebhookDispatcher {
  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
  private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
  private static final int PRUNE_BATCH = 1000;

  private final EventLogStore log;
  private final WebhookDeliveryStore deliveries;
  private final WebhookDeliverer deliverer;
  private final WebhookMetrics metrics;
  private final WebhookConfig config;
  private final Duration leaseTtl;
  private final String node;
  private final Clock clock;
  private final Wakeup wakeup = new Wakeup();
  private volatile boolean stopping;
  private List<EventLogStore.Cursor> cursors;
  private Instant renewAt = Instant.MIN;
  private Instant pruneAt = Instant.MIN;
  private Thread loop;

  /**
   * Wires the dispatcher.
   *
   * @param log the event log
   * @param deliveries deliveries
   * @param deliverer the local delivery workers, woken when deliveries are created
   * @param metrics metrics
   * @param config webhook settings
   * @param cairn core settings (the lease time to live)
   * @param identity this replica
   * @param clock clock
   */
  public WebhookDispatcher(
      EventLogStore log,
      WebhookDeliveryStore deliveries,
      WebhookDeliverer deliverer,
      WebhookMetrics metrics,
      WebhookConfig config,
      CairnConfig cairn,
      NodeIdentity identity,
      Clock clock) {
    this.log = log;
    this.deliveries = deliveries;
    this.deliverer = deliverer;
    this.metrics = metrics;
    this.config = config;
    this.leaseTtl = cairn.lease().ttl();
    this.node = identity.id();
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("webhooks disabled on this replica: no dispatch, no deliveries");
      return;
    }
    loop = Thread.ofPlatform().name("cairn-webhook-dispatch").daemon().start(this::run);
  }

  private void run() {
    while (!stopping) {
      try {
        if (dispatchOnce() == 0) {
          wakeup.await(config.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (PersistenceException e) {
        cursors = null;
        pause();
      } catch (RuntimeException e) {
        LOG.error("webhook dispatch loop error", e);
        cursors = null;
        pause();
      }
    }
  }

  /**
   * One round: renew the partitions when due, read, fan out, advance.
   *
   * @return events passed
   */
  int dispatchOnce() {
    Instant now = clock.instant();
    if (cursors == null || !now.isBefore(renewAt)) {
      cursors = log.holdPartitions(WebhookDeliveryStore.CONSUMER, node, now, now.plus(leaseTtl));
      renewAt = now.plus(leaseTtl.dividedBy(3));
    }
    pruneWhenDue(now);
    List<EventLogStore.Cursor> skipped = deliveries.passAllIfNoSubscriptions(node, now);
    if (skipped != null) {
      Map<Integer, EventLogStore.Cursor> byPartition = new LinkedHashMap<>();
      skipped.forEach(c -> byPartition.put(c.partition(), c));
      List<EventLogStore.Cursor> moved = new ArrayList<>(cursors.size());
      for (EventLogStore.Cursor cursor : cursors) {
        moved.add(byPartition.getOrDefault(cursor.partition(), cursor));
      }
      cursors = moved;
      return 0; // nobody subscribed: nothing to read
    }
    List<StoredEvent> events = log.read(cursors, config.batchSize());
    if (events.isEmpty()) {
      return 0;
    }
    Map<Integer, EventLogStore.Cursor> passed = new LinkedHashMap<>();
    for (StoredEvent e : events) {
      passed.put(e.partition(), EventLogStore.Cursor.after(e));
    }
    int created = deliveries.fanOut(events, passed.values(), node, now);
    if (created < 0) {
      LOG.debug("a webhook partition moved to another replica; holding again");
      cursors = null;
      return events.size();
    }
    List<EventLogStore.Cursor> moved = new ArrayList<>(cursors.size());
    for (EventLogStore.Cursor cursor : cursors) {
      moved.add(passed.getOrDefault(cursor.partition(), cursor));
    }
    cursors = moved;
    if (created > 0) {
      metrics.created(created);
      deliverer.wake();
    }
    return events.size();
  }

  private void pruneWhenDue(Instant now) {
    if (now.isBefore(pruneAt) || cursors.stream().noneMatch(c -> c.partition() == 0)) {
      return;
    }
    pruneAt = now.plus(PRUNE_INTERVAL);
    int pruned = deliveries.prune(now.minus(config.retention()), PRUNE_BATCH);
    if (pruned > 0) {
      LOG.debugf("pruned %d webhook deliveries", pruned);
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void onStop(@Observes @Priority(4) ShutdownEvent event) {
    stopping = true;
    wakeup.wake();
    if (loop == null) {
      return;
    }
    loop.interrupt();
    try {
      loop.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      log.releaseAll(WebhookDeliveryStore.CONSUMER, node);
    } catch (PersistenceException e) {
      LOG.warn("could not release webhook partitions; their leases expire");
    }
  }
}
