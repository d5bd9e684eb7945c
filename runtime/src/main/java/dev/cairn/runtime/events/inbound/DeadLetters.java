package dev.cairn.runtime.events.inbound;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Publishes a message that cannot become a run to {@code cairn-runs-dead}: the original body
 * unchanged, its message id, content type and headers, plus the reason in {@code cairn-dead-*}
 * headers. Returns only once the broker confirmed it, so the original may then be acknowledged.
 */
@ApplicationScoped
public class DeadLetters {
  /** The outgoing channel. */
  public static final String CHANNEL = "cairn-runs-dead";

  /** Header: the reason, in words. */
  public static final String REASON = "cairn-dead-reason";

  /** Header: the problem type URI, as the REST API would answer. */
  public static final String PROBLEM_TYPE = "cairn-dead-problem-type";

  /** Header: the HTTP status the REST API would answer. */
  public static final String STATUS = "cairn-dead-status";

  /** Header: the original message id, or absent when it had none. */
  public static final String ORIGINAL_MESSAGE_ID = "cairn-original-message-id";

  /** Header: when the message was dead-lettered (ISO-8601). */
  public static final String TIME = "cairn-dead-at";

  /** Header: the tenant the channel is bound to. */
  public static final String TENANT = "cairn-dead-tenant";

  private static final int PERSISTENT = 2;

  private final Emitter<byte[]> emitter;
  private final InboundConfig config;
  private final Clock clock;

  /**
   * Creates the publisher.
   *
   * @param emitter the dead-letter channel
   * @param config timeouts and the tenant
   * @param clock clock
   */
  public DeadLetters(@Channel(CHANNEL) Emitter<byte[]> emitter, InboundConfig config, Clock clock) {
    this.emitter = emitter;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Publishes the dead letter and waits for the broker's confirmation.
   *
   * @param delivery the original message
   * @param rejection why it is dead-lettered
   * @throws DeadLetterFailedException when the broker did not take it in time
   */
  public void publish(Delivery delivery, Rejection rejection) {
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    Message<byte[]> letter =
        Message.of(
            delivery.body(),
            Metadata.of(metadata(delivery, rejection, clock.instant())),
            () -> {
              confirmed.complete(null);
              return CompletableFuture.completedFuture(null);
            },
            failure -> {
              confirmed.completeExceptionally(failure);
              return CompletableFuture.completedFuture(null);
            });
    try {
      emitter.send(letter);
      confirmed.get(config.deadLetterTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterFailedException("interrupted while dead-lettering", e);
    } catch (ExecutionException e) {
      throw new DeadLetterFailedException("the broker refused the dead letter", e.getCause());
    } catch (TimeoutException e) {
      throw new DeadLetterFailedException("the broker did not confirm the dead letter", e);
    } catch (RuntimeException e) {
      throw new DeadLetterFailedException("the dead-letter channel is not available", e);
    }
  }

  private static boolean isBrokerOrReasonHeader(String name) {
    return name.equals("x-death")
        || name.equals("x-delivery-count")
        || name.startsWith("x-first-death-")
        || name.startsWith("x-last-death-")
        || name.startsWith("cairn-dead-")
        || name.equals(ORIGINAL_MESSAGE_ID);
  }

  private OutgoingRabbitMQMetadata metadata(Delivery delivery, Rejection rejection, Instant now) {
    Map<String, Object> headers = new LinkedHashMap<>();
    // The original headers, but not the broker's bookkeeping nor an earlier dead letter's reason.
    delivery.headers().entrySet().stream()
        .filter(h -> !isBrokerOrReasonHeader(h.getKey()))
        .forEach(h -> headers.put(h.getKey(), h.getValue()));
    headers.put(REASON, rejection.detail());
    headers.put(PROBLEM_TYPE, rejection.problemType());
    headers.put(STATUS, rejection.status());
    headers.put(TENANT, config.tenant());
    headers.put(TIME, now.toString());
    if (delivery.messageId() != null) {
      headers.put(ORIGINAL_MESSAGE_ID, delivery.messageId());
    }
    OutgoingRabbitMQMetadata.Builder builder =
        OutgoingRabbitMQMetadata.builder()
            .withHeaders(headers)
            .withDeliveryMode(PERSISTENT)
            .withTimestamp(now.atZone(ZoneOffset.UTC));
    if (delivery.messageId() != null) {
      builder.withMessageId(delivery.messageId());
    }
    if (delivery.contentType() != null) {
      builder.withContentType(delivery.contentType());
    }
    return builder.build();
  }
}
