package dev.cairn.runtime.events.inbound;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What a received message carries, read once from the connector's message.
 *
 * @param messageId the message id (the idempotency key), or null when the message has none
 * @param tenant the {@code cairn-tenant} header, or null
 * @param body the body's bytes, as sent
 * @param contentType the content type, or null
 * @param headers the message's headers, for the dead letter
 * @param deliveryCount deliveries so far as the broker counts them ({@code x-delivery-count} of a
 *     quorum queue), or -1 when it does not
 */
public record Delivery(
    String messageId,
    String tenant,
    byte[] body,
    String contentType,
    Map<String, Object> headers,
    long deliveryCount) {
  /** The header that names the tenant a message is meant for. */
  public static final String TENANT_HEADER = "cairn-tenant";

  /**
   * Reads a message of the RabbitMQ connector.
   *
   * @param message the message
   * @return the delivery
   * @throws IllegalArgumentException when the message has no RabbitMQ metadata
   */
  public static Delivery from(Message<?> message) {
    IncomingRabbitMQMetadata metadata =
        message
            .getMetadata(IncomingRabbitMQMetadata.class)
            .orElseThrow(() -> new IllegalArgumentException("not a RabbitMQ message"));
    Map<String, Object> headers = new LinkedHashMap<>(metadata.getHeaders());
    Object tenant = headers.get(TENANT_HEADER);
    Object count = headers.get("x-delivery-count");
    return new Delivery(
        metadata.getMessageId().orElse(null),
        tenant == null ? null : tenant.toString(),
        bodyOf(message),
        metadata.getContentType().orElse(null),
        headers,
        count instanceof Number n ? n.longValue() : -1);
  }

  /** The body as sent, whatever payload type the connector converted it to. */
  private static byte[] bodyOf(Message<?> message) {
    if (message.getPayload() instanceof byte[] bytes) {
      return bytes;
    }
    if (message instanceof IncomingRabbitMQMessage<?> rabbit) {
      return rabbit.getRabbitMQMessage().body().getBytes();
    }
    return String.valueOf(message.getPayload()).getBytes(StandardCharsets.UTF_8);
  }
}
