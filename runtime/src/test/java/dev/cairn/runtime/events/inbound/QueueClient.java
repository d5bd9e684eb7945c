package dev.cairn.runtime.events.inbound;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.cairn.runtime.testing.TestBroker;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * A producer and a dead-letter reader on the test broker, with the plain RabbitMQ client. Every
 * published message carries a {@value #CASE} header unique to it, which its dead letter keeps, so
 * each test finds its own dead letter among the others'.
 */
final class QueueClient implements AutoCloseable {
  static final String CASE = "test-case";

  private final Connection connection;
  private final Channel channel;
  private final String exchange;
  private final String deadQueue;
  private final Map<String, GetResponse> deadLetters = new ConcurrentHashMap<>();

  QueueClient(TestBroker.Broker broker, String exchange, String deadQueue)
      throws IOException, TimeoutException {
    this.connection = broker.connectionFactory().newConnection("cairn-inbound-test");
    this.channel = connection.createChannel();
    this.exchange = exchange;
    this.deadQueue = deadQueue;
  }

  /**
   * Publishes a persistent message to the channel's exchange.
   *
   * @param testCase the unique marker of this message
   * @param messageId the message id, or null for none
   * @param body the body
   * @param headers more headers
   */
  void publish(String testCase, String messageId, byte[] body, Map<String, Object> headers)
      throws IOException {
    Map<String, Object> all = new HashMap<>(headers);
    all.put(CASE, testCase);
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .messageId(messageId)
            .contentType("application/json")
            .deliveryMode(2)
            .headers(all)
            .build();
    channel.basicPublish(exchange, "submit", properties, body);
  }

  /**
   * Ready messages in a queue (not counting those handed out and not yet acknowledged).
   *
   * @param queue the queue
   * @return the count
   */
  long ready(String queue) throws IOException {
    return channel.queueDeclarePassive(queue).getMessageCount();
  }

  /**
   * Waits for the dead letter of a published message.
   *
   * @param testCase the message's marker
   * @return the dead letter
   */
  GetResponse deadLetter(String testCase) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              drainDeadLetters();
              return deadLetters.get(testCase);
            },
            letter -> letter != null);
  }

  /**
   * Whether a published message was dead-lettered (by what is in the queue now).
   *
   * @param testCase the message's marker
   * @return true when it was
   */
  boolean wasDeadLettered(String testCase) throws IOException {
    drainDeadLetters();
    return deadLetters.containsKey(testCase);
  }

  private synchronized void drainDeadLetters() throws IOException {
    GetResponse letter;
    while ((letter = channel.basicGet(deadQueue, true)) != null) {
      Object marker = letter.getProps().getHeaders().get(CASE);
      deadLetters.put(String.valueOf(marker), letter);
    }
  }

  /**
   * Deletes what the channel declared and outlives the application (the dead-letter queue and
   * exchange); the queue and its exchange delete themselves when the consumer goes.
   *
   * @param deadExchange the dead-letter exchange
   */
  void deleteDeadLetterTopology(String deadExchange) throws IOException {
    channel.queueDelete(deadQueue);
    channel.exchangeDelete(deadExchange);
  }

  @Override
  public void close() throws IOException, TimeoutException {
    connection.close();
  }
}
