package dev.cairn.runtime.events.webhooks;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.DueWebhookDelivery;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.persistence.store.WebhookAttempt;
import dev.cairn.persistence.store.WebhookDeliveryStore;
import dev.cairn.runtime.events.CloudEvents;
import dev.cairn.tools.egress.EgressRefusedException;
import dev.cairn.tools.egress.EgressTarget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The delivery workers of this replica: claims due deliveries (SKIP LOCKED, under a claim that
 * expires), sends each on its own virtual thread, at most {@code cairn.webhooks.max-in-flight} at
 * once, outside any transaction, and records the outcome behind the claim's token. Every attempt
 * checks the target again (DNS included) and connects to the address it checked.
 */
@ApplicationScoped
public class WebhookDeliverer {
  private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);
  private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final WebhookDeliveryStore store;
  private final WebhookTargets targets;
  private final WebhookSender sender;
  private final SecretSealer sealer;
  private final RetrySchedule schedule;
  private final WebhookMetrics metrics;
  private final WebhookConfig config;
  private final Clock clock;
  private final Semaphore slots;
  private final Wakeup wakeup = new Wakeup();
  private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean stopping;
  private Thread loop;

  /**
   * Wires the workers.
   *
   * @param store deliveries
   * @param targets the egress guard
   * @param sender HTTP
   * @param sealer opens signing secrets
   * @param schedule retry times
   * @param metrics metrics
   * @param config settings
   * @param clock clock
   */
  public WebhookDeliverer(
      WebhookDeliveryStore store,
      WebhookTargets targets,
      WebhookSender sender,
      SecretSealer sealer,
      RetrySchedule schedule,
      WebhookMetrics metrics,
      WebhookConfig config,
      Clock clock) {
    this.store = store;
    this.targets = targets;
    this.sender = sender;
    this.sealer = sealer;
    this.schedule = schedule;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.slots = new Semaphore(Math.max(1, config.maxInFlight()));
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      loop = Thread.ofPlatform().name("cairn-webhook-delivery").daemon().start(this::run);
    }
  }

  /** New deliveries exist: look now rather than at the next poll. */
  void wake() {
    wakeup.wake();
  }

  private void run() {
    while (!stopping) {
      try {
        int free = slots.availablePermits();
        int claimed = free > 0 ? claimAndSend(free) : 0;
        if (claimed < free || free == 0) {
          wakeup.await(config.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (PersistenceException e) {
        pause();
      } catch (RuntimeException e) {
        LOG.error("webhook delivery loop error", e);
        pause();
      }
    }
  }

  private int claimAndSend(int free) {
    Instant now = clock.instant();
    Duration claim = config.connectTimeout().plus(config.requestTimeout()).plus(CLAIM_MARGIN);
    List<DueWebhookDelivery> due = store.claimDue(now, now.plus(claim), free);
    for (DueWebhookDelivery delivery : due) {
      slots.acquireUninterruptibly();
      attempts.execute(
          () -> {
            try {
              attempt(delivery);
            } finally {
              slots.release();
              wakeup.wake();
            }
          });
    }
    return due.size();
  }

  private void attempt(DueWebhookDelivery d) {
    SendResult result;
    try {
      StoredEvent event = DeliveryAttempt.event(d);
      String body = CloudEvents.toJson(event);
      String secret = sealer.open(d.sealedSecret(), d.subscriptionId().toString());
      EgressTarget target = targets.check(d.url());
      result =
          sender.post(
              target, DeliveryAttempt.headers(d, event, secret, body, clock.instant()), body);
    } catch (EgressRefusedException e) {
      result = SendResult.failed("target refused: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warnf("webhook delivery %s could not be sent: %s", d.id(), e.getMessage());
      result = SendResult.failed("not sent: " + e.getMessage());
    }
    WebhookAttempt outcome = DeliveryAttempt.outcome(d, result, schedule, clock.instant());
    try {
      if (!store.record(d.id(), d.claimToken(), outcome)) {
        metrics.attempt(WebhookMetrics.Outcome.LOST);
        return;
      }
    } catch (PersistenceException e) {
      // The claim expires and another attempt follows: at least once.
      LOG.warnf("outcome of webhook delivery %s not recorded; it will be sent again", d.id());
      return;
    }
    metrics.attempt(
        switch (outcome.state()) {
          case "DELIVERED" -> WebhookMetrics.Outcome.DELIVERED;
          case "DEAD" -> WebhookMetrics.Outcome.DEAD;
          default -> WebhookMetrics.Outcome.RETRY;
        });
    if ("DEAD".equals(outcome.state())) {
      LOG.infof(
          "webhook delivery %s of tenant %s is dead after %d attempts: %s",
          d.id(), d.tenantId(), d.attempt(), outcome.error());
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void onStop(@Observes @Priority(5) ShutdownEvent event) {
    stopping = true;
    wakeup.wake();
    if (loop != null) {
      loop.interrupt();
    }
    attempts.shutdown();
    try {
      // Attempts still running after this are abandoned: their claims expire and another
      // replica sends them again.
      if (!attempts.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        attempts.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
