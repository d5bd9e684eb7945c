package dev.cairn.runtime.events;

import dev.cairn.persistence.store.StoredEvent;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Builds the broker message of a run event: the CloudEvent in structured JSON form as the body, the
 * event id as the message id (so a consumer drops duplicates), and for each connector the
 * properties it routes by. Each connector reads only its own metadata.
 */
final class EventMessages {
  private EventMessages() {}

  /**
   * The message of an event; {@code confirmed} completes when the connector acknowledges it (for
   * RabbitMQ with publisher confirms: when the broker confirmed it) and fails when it is refused.
   *
   * @param event the event
   * @param confirmed completed on ack, failed on nack
   * @return the message
   */
  static Message<String> of(StoredEvent event, CompletableFuture<Void> confirmed) {
    String id = CloudEvents.id(event);
    String type = CloudEvents.type(event);
    String body = CloudEvents.toJson(event);
    OutgoingRabbitMQMetadata rabbit =
        new OutgoingRabbitMQMetadata.Builder()
            .withMessageId(id)
            .withContentType(CloudEvents.CONTENT_TYPE)
            .withRoutingKey(event.type())
            .withType(type)
            .withDeliveryMode(2)
            .withTimestamp(event.time().atZone(ZoneOffset.UTC))
            .withHeader("ce_tenant", event.tenantId())
            .withHeader("ce_subject", event.runId().toString())
            .build();
    OutgoingKafkaRecordMetadata<String> kafka =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(event.runId().toString())
            .withHeaders(
                List.of(
                    new RecordHeader("content-type", bytes(CloudEvents.CONTENT_TYPE)),
                    new RecordHeader("ce_id", bytes(id)),
                    new RecordHeader("ce_type", bytes(type))))
            .build();
    OutgoingAmqpMetadata amqp =
        OutgoingAmqpMetadata.builder()
            .withMessageId(id)
            .withSubject(type)
            .withContentType(CloudEvents.CONTENT_TYPE)
            .withDurable(true)
            .build();
    return Message.of(body, Metadata.of(rabbit, kafka, amqp))
        .withAck(
            () -> {
              confirmed.complete(null);
              return CompletableFuture.completedFuture(null);
            })
        .withNack(
            failure -> {
              confirmed.completeExceptionally(failure);
              return CompletableFuture.completedFuture(null);
            });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
