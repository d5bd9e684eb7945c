package dev.cairn.runtime.events.inbound;

import dev.cairn.runtime.api.problem.TextSafety;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Consumes {@code cairn-runs-in}: each message becomes a run, is dead-lettered with its reason, or
 * is given back to the broker. A message is acknowledged only after its run committed or its dead
 * letter was confirmed, so none is lost and none is dropped in silence. A transient failure is
 * retried here with backoff for {@code cairn.inbound.retry-for}, then the message is requeued;
 * after {@code cairn.inbound.max-deliveries} such deliveries it is dead-lettered.
 */
@ApplicationScoped
public class RunsFromQueue {
  /** The incoming channel. */
  public static final String CHANNEL = "cairn-runs-in";

  private static final Logger LOG = Logger.getLogger(RunsFromQueue.class);

  private final InboundSubmitter submitter;
  private final DeadLetters deadLetters;
  private final DeliveryCounts counts;
  private final InboundMetrics metrics;
  private final InboundConfig config;
  private final CountDownLatch stopping = new CountDownLatch(1);

  /**
   * Creates the consumer.
   *
   * @param submitter turns a delivery into a run
   * @param deadLetters the dead-letter channel
   * @param counts failed deliveries per message
   * @param metrics counters
   * @param config retry settings
   */
  public RunsFromQueue(
      InboundSubmitter submitter,
      DeadLetters deadLetters,
      DeliveryCounts counts,
      InboundMetrics metrics,
      InboundConfig config) {
    this.submitter = submitter;
    this.deadLetters = deadLetters;
    this.counts = counts;
    this.metrics = metrics;
    this.config = config;
  }

  /**
   * Handles one message on a worker of the {@code cairn-inbound} pool.
   *
   * @param message the message
   * @return the acknowledgement or negative acknowledgement
   */
  @Incoming(CHANNEL)
  @Blocking(value = "cairn-inbound", ordered = false)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    Delivery delivery;
    try {
      delivery = Delivery.from(message);
    } catch (IllegalArgumentException e) {
      // Not a message this class can read: the connector's failure strategy takes it.
      LOG.errorf("inbound message refused: %s", e.getMessage());
      return message.nack(e);
    }
    return switch (submitWithRetries(delivery)) {
      case InboundSubmitter.Outcome.Accepted accepted -> accept(message, delivery, accepted);
      case InboundSubmitter.Outcome.Rejected rejected ->
          deadLetter(message, delivery, rejected.rejection());
      case InboundSubmitter.Outcome.Transient failure -> giveBack(message, delivery, failure);
    };
  }

  /** Stops waiting between retries, so a shutdown gives in-flight messages back at once. */
  void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
    stopping.countDown();
  }

  private InboundSubmitter.Outcome submitWithRetries(Delivery delivery) {
    long deadline = System.nanoTime() + config.retryFor().toNanos();
    Duration backoff = config.retryBaseDelay();
    while (true) {
      InboundSubmitter.Outcome outcome = submitter.submit(delivery);
      if (!(outcome instanceof InboundSubmitter.Outcome.Transient failure)) {
        return outcome;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return outcome;
      }
      // The whole retry time is spent before the message goes back, even when a rate limit asks
      // for a longer wait: a message given back at once would come straight back.
      Duration wait = failure.retryAfter() == null ? backoff : failure.retryAfter();
      if (waitOrStop(min(wait, Duration.ofNanos(remaining)))) {
        return outcome;
      }
      LOG.debugf("inbound message %s: %s; trying again", idOf(delivery), failure.reason());
      metrics.retried();
      backoff = min(backoff.multipliedBy(2), config.retryMaxDelay());
    }
  }

  /** Waits; true when the application is stopping. */
  private boolean waitOrStop(Duration wait) {
    try {
      return stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private CompletionStage<Void> accept(
      Message<?> message, Delivery delivery, InboundSubmitter.Outcome.Accepted accepted) {
    counts.settled(delivery);
    if (accepted.duplicate()) {
      metrics.duplicate();
    } else {
      metrics.accepted();
    }
    LOG.debugf(
        "inbound message %s: run %s%s",
        idOf(delivery), accepted.runId(), accepted.duplicate() ? " (already submitted)" : "");
    return message.ack();
  }

  private CompletionStage<Void> deadLetter(
      Message<?> message, Delivery delivery, Rejection rejection) {
    try {
      deadLetters.publish(delivery, rejection);
    } catch (DeadLetterFailedException e) {
      LOG.warnf(
          "inbound message %s could not be dead-lettered (%s); giving it back to the broker",
          idOf(delivery), e.getMessage());
      metrics.requeued();
      return requeue(message, e);
    }
    counts.settled(delivery);
    metrics.deadLettered(rejection);
    LOG.warnf(
        "inbound message %s dead-lettered: %s (%s)",
        idOf(delivery), rejection.detail(), rejection.problemType());
    return message.ack();
  }

  private CompletionStage<Void> giveBack(
      Message<?> message, Delivery delivery, InboundSubmitter.Outcome.Transient failure) {
    // A message given back because the application stops has not failed once more.
    long deliveries = stopping.getCount() == 0 ? 0 : counts.failedOnce(delivery);
    if (deliveries >= config.maxDeliveries()) {
      return deadLetter(message, delivery, Rejection.deliveryLimit(deliveries, failure.reason()));
    }
    LOG.infof("inbound message %s given back to the broker: %s", idOf(delivery), failure.reason());
    metrics.requeued();
    return requeue(message, new IllegalStateException(failure.reason()));
  }

  private static CompletionStage<Void> requeue(Message<?> message, Throwable reason) {
    return message.nack(reason, Metadata.of(new RabbitMQRejectMetadata(true)));
  }

  private static String idOf(Delivery delivery) {
    return delivery.messageId() == null
        ? "(without message id)"
        : TextSafety.echo(delivery.messageId());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
