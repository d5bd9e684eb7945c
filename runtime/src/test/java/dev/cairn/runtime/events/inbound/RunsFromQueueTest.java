package dev.cairn.runtime.events.inbound;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs submitted from a real RabbitMQ queue: one run per message id, acknowledged once committed;
 * what cannot become a run is dead-lettered with its reason and its original body.
 */
@QuarkusTest
@TestProfile(InboundProfile.class)
@ExtendWith(TestBroker.Required.class)
class RunsFromQueueTest {
  private static QueueClient queue;
  private static String deadExchange;

  @Inject DataSource dataSource;
  @Inject InboundConfig config;
  @Inject MeterRegistry registry;

  @ConfigProperty(name = "mp.messaging.incoming.cairn-runs-in.queue.name")
  String queueName;

  @ConfigProperty(name = "mp.messaging.incoming.cairn-runs-in.exchange.name")
  String exchangeName;

  @ConfigProperty(name = "mp.messaging.incoming.cairn-runs-in.dead-letter-queue-name")
  String deadQueueName;

  @ConfigProperty(name = "mp.messaging.incoming.cairn-runs-in.dead-letter-exchange")
  String deadExchangeName;

  private Db db;

  @BeforeEach
  void connectAndPrepareTheTenant() throws Exception {
    db = new Db(dataSource);
    if (queue != null) {
      return;
    }
    given()
        .contentType("application/json")
        .body(Map.of("id", config.tenant()))
        .post("/v1/tenants")
        .then()
        .statusCode(201);
    String developer = Auth.newKey(config.tenant(), "developer");
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok"}]}}"""
                .formatted(InboundProfile.ALLOWED_AGENT))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    queue = new QueueClient(TestBroker.get(), exchangeName, deadQueueName);
    deadExchange = deadExchangeName;
  }

  @AfterAll
  static void deleteTheTopology() throws Exception {
    if (queue != null) {
      queue.deleteDeadLetterTopology(deadExchange);
      queue.close();
      queue = null;
    }
  }

  @Test
  void shouldCreateOneCommittedRunFromAMessageAndAcknowledgeIt() throws Exception {
    String id = uniqueId();
    queue.publish(id, id, body(InboundProfile.ALLOWED_AGENT, "hello"), Map.of());

    awaitRun(id);
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE tenant_id = ? AND idempotency_key = ?"
                    + " AND agent_name = ? AND submitted_by = 'queue:test'"
                    + " AND input = '\"hello\"'::jsonb",
                config.tenant(),
                id,
                InboundProfile.ALLOWED_AGENT))
        .isEqualTo(1);
    // One message at a time is handed out: a later message made into a run proves this one was
    // settled, and it is neither waiting in the queue nor dead-lettered.
    String next = uniqueId();
    queue.publish(next, next, body(InboundProfile.ALLOWED_AGENT, "next"), Map.of());
    awaitRun(next);
    assertThat(queue.ready(queueName)).isZero();
    assertThat(queue.wasDeadLettered(id)).isFalse();
  }

  @Test
  void shouldCreateOneRunWhenTheSameMessageIsDeliveredTwice() throws Exception {
    double duplicatesBefore = outcome("duplicate");
    String id = uniqueId();
    byte[] body = body(InboundProfile.ALLOWED_AGENT, "twice");
    queue.publish(id + "-1", id, body, Map.of());
    queue.publish(id + "-2", id, body, Map.of());
    String after = uniqueId();
    queue.publish(after, after, body(InboundProfile.ALLOWED_AGENT, "after"), Map.of());

    awaitRun(after);
    assertThat(runsWithKey(id)).isEqualTo(1);
    assertThat(outcome("duplicate")).isEqualTo(duplicatesBefore + 1);
    assertThat(queue.wasDeadLettered(id + "-1")).isFalse();
    assertThat(queue.wasDeadLettered(id + "-2")).isFalse();
    assertThat(queue.ready(queueName)).isZero();
  }

  @Test
  void shouldDeadLetterMalformedJsonWithItsReasonAndOriginalBody() throws Exception {
    String id = uniqueId();
    byte[] body = "{\"agent\": \"inbound-echo\", \"input\": ".getBytes(StandardCharsets.UTF_8);
    queue.publish(id, id, body, Map.of());

    GetResponse letter = queue.deadLetter(id);
    assertThat(letter.getBody()).isEqualTo(body);
    assertThat(letter.getProps().getMessageId()).isEqualTo(id);
    assertThat(letter.getProps().getContentType()).isEqualTo("application/json");
    assertReason(letter, "urn:cairn:problem:malformed-body", 400, "not valid JSON");
    assertThat(header(letter, DeadLetters.ORIGINAL_MESSAGE_ID)).isEqualTo(id);
    assertThat(header(letter, DeadLetters.TENANT)).isEqualTo(config.tenant());
    assertThat(header(letter, DeadLetters.TIME)).isNotBlank();
    assertThat(runsWithKey(id)).isZero();
    assertThat(deadLetters("malformed-body")).isPositive();
  }

  @Test
  void shouldDeadLetterAFieldTheRestApiRefusesWithTheSameFieldAndMessage() throws Exception {
    String id = uniqueId();
    queue.publish(
        id,
        id,
        "{\"agent\":\"inbound-echo\",\"input\":\"x\",\"priority\":5000}"
            .getBytes(StandardCharsets.UTF_8),
        Map.of());

    assertReason(
        queue.deadLetter(id),
        "urn:cairn:problem:validation",
        400,
        "priority: must be less than or equal to 1000");
    assertThat(runsWithKey(id)).isZero();
  }

  @Test
  void shouldDeadLetterAnAgentTheChannelDoesNotAllow() throws Exception {
    String id = uniqueId();
    queue.publish(id, id, body("someone-else", "hi"), Map.of());

    assertReason(
        queue.deadLetter(id),
        "urn:cairn:problem:forbidden",
        403,
        "agent 'someone-else' is not allowed");
    assertThat(runsWithKey(id)).isZero();
  }

  @Test
  void shouldDeadLetterAnAllowedAgentThatDoesNotExist() throws Exception {
    String id = uniqueId();
    queue.publish(id, id, body(InboundProfile.ALLOWED_MISSING_AGENT, "hi"), Map.of());

    assertReason(queue.deadLetter(id), "urn:cairn:problem:not-found", 404, "does not exist");
    assertThat(runsWithKey(id)).isZero();
  }

  @Test
  void shouldDeadLetterAMessageForAnotherTenantAndAcceptOneForItsOwn() throws Exception {
    String foreign = uniqueId();
    queue.publish(
        foreign,
        foreign,
        body(InboundProfile.ALLOWED_AGENT, "hi"),
        Map.of(Delivery.TENANT_HEADER, "default"));
    String own = uniqueId();
    queue.publish(
        own,
        own,
        body(InboundProfile.ALLOWED_AGENT, "hi"),
        Map.of(Delivery.TENANT_HEADER, config.tenant()));

    assertReason(
        queue.deadLetter(foreign),
        "urn:cairn:problem:forbidden",
        403,
        "the message names tenant 'default'");
    assertThat(header(queue.deadLetter(foreign), Delivery.TENANT_HEADER)).isEqualTo("default");
    assertThat(runsWithKey(foreign)).isZero();
    awaitRun(own);
    assertThat(db.count("SELECT count(*) FROM agent_run WHERE idempotency_key = ?", foreign))
        .isZero();
  }

  @Test
  void shouldDeadLetterAMessageWithoutAMessageId() throws Exception {
    String marker = uniqueId();
    byte[] body = body(InboundProfile.ALLOWED_AGENT, marker);
    queue.publish(marker, null, body, Map.of());

    GetResponse letter = queue.deadLetter(marker);
    assertReason(letter, "urn:cairn:problem:validation", 400, "message-id: required");
    assertThat(letter.getBody()).isEqualTo(body);
    assertThat(letter.getProps().getMessageId()).isNull();
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE tenant_id = ? AND input = to_jsonb(?::text)",
                config.tenant(),
                marker))
        .isZero();
  }

  @Test
  void shouldDeadLetterAMessageIdReusedWithAnotherBody() throws Exception {
    String id = uniqueId();
    queue.publish(id + "-1", id, body(InboundProfile.ALLOWED_AGENT, "first"), Map.of());
    queue.publish(id + "-2", id, body(InboundProfile.ALLOWED_AGENT, "second"), Map.of());

    assertReason(
        queue.deadLetter(id + "-2"),
        "urn:cairn:problem:idempotency-key-reused",
        422,
        "different request body");
    assertThat(queue.wasDeadLettered(id + "-1")).isFalse();
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE tenant_id = ? AND idempotency_key = ?"
                    + " AND input = '\"first\"'::jsonb",
                config.tenant(),
                id))
        .isEqualTo(1);
    assertThat(runsWithKey(id)).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAMessageLargerThanTheLimit() throws Exception {
    String id = uniqueId();
    byte[] body = body(InboundProfile.ALLOWED_AGENT, "x".repeat(InboundProfile.MAX_MESSAGE_BYTES));
    queue.publish(id, id, body, Map.of());

    GetResponse letter = queue.deadLetter(id);
    assertReason(letter, "urn:cairn:problem:payload-too-large", 413, "larger than 8192 bytes");
    assertThat(letter.getBody()).isEqualTo(body);
    assertThat(runsWithKey(id)).isZero();
  }

  @Test
  void shouldDeadLetterWhileTheTenantIsDisabled() throws Exception {
    String id = uniqueId();
    given().post("/v1/tenants/" + config.tenant() + "/disable").then().statusCode(200);
    try {
      queue.publish(id, id, body(InboundProfile.ALLOWED_AGENT, "hi"), Map.of());
      assertReason(queue.deadLetter(id), "urn:cairn:problem:tenant-disabled", 403, "is disabled");
    } finally {
      given().post("/v1/tenants/" + config.tenant() + "/enable").then().statusCode(200);
    }
    assertThat(runsWithKey(id)).isZero();
  }

  @Test
  void shouldSlowDownABurstOverTheSubmissionRateRatherThanDeadLetterIt() throws Exception {
    double retriesBefore = registry.counter("cairn.inbound.retries").count();
    String prefix = uniqueId();
    for (int i = 0; i < 6; i++) {
      queue.publish(
          prefix + i, prefix + i, body(InboundProfile.ALLOWED_AGENT, "burst " + i), Map.of());
    }

    for (int i = 0; i < 6; i++) {
      awaitRun(prefix + i);
    }
    assertThat(registry.counter("cairn.inbound.retries").count()).isGreaterThan(retriesBefore);
    for (int i = 0; i < 6; i++) {
      assertThat(queue.wasDeadLettered(prefix + i)).isFalse();
    }
  }

  @Test
  void shouldGiveAMessageBackWhileItsIdIsBusyAndCreateOneRunOnceItIsFree() throws Exception {
    double requeuedBefore = outcome("requeued");
    String id = uniqueId();
    // Another transaction submitting the same message id holds its key: a transient conflict.
    Connection busy = holdIdempotencyKey(id);
    try {
      queue.publish(id, id, body(InboundProfile.ALLOWED_AGENT, "busy"), Map.of());
      await().atMost(Duration.ofSeconds(20)).until(() -> outcome("requeued") >= requeuedBefore + 2);
      assertThat(runsWithKey(id)).isZero();
    } finally {
      release(busy);
    }

    awaitRun(id);
    assertThat(queue.wasDeadLettered(id)).isFalse();
  }

  @Test
  void shouldDeadLetterAMessageWhoseFailureOutlastsTheDeliveryLimit() throws Exception {
    String id = uniqueId();
    GetResponse letter;
    Connection busy = holdIdempotencyKey(id);
    try {
      queue.publish(id, id, body(InboundProfile.ALLOWED_AGENT, "stuck"), Map.of());
      letter = queue.deadLetter(id);
    } finally {
      release(busy);
    }

    assertReason(
        letter,
        "urn:cairn:problem:delivery-limit",
        503,
        "still failing after " + InboundProfile.MAX_DELIVERIES + " deliveries");
    String next = uniqueId();
    queue.publish(next, next, body(InboundProfile.ALLOWED_AGENT, "next"), Map.of());
    awaitRun(next);
    assertThat(runsWithKey(id)).isZero();
  }

  /** A transaction holding the advisory lock a submission of this key takes. */
  private Connection holdIdempotencyKey(String key) throws Exception {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      ps.setString(1, config.tenant() + ":" + key);
      ps.execute();
    }
    return connection;
  }

  private static void release(Connection connection) throws Exception {
    connection.rollback();
    connection.close();
  }

  private static String uniqueId() {
    return "msg-" + UUID.randomUUID();
  }

  private static byte[] body(String agent, String input) {
    return "{\"agent\":\"%s\",\"input\":\"%s\"}"
        .formatted(agent, input)
        .getBytes(StandardCharsets.UTF_8);
  }

  private void awaitRun(String key) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> runsWithKey(key) == 1);
  }

  private long runsWithKey(String key) {
    return db.count(
        "SELECT count(*) FROM agent_run WHERE tenant_id = ? AND idempotency_key = ?",
        config.tenant(),
        key);
  }

  private double outcome(String outcome) {
    return registry.counter("cairn.inbound.messages", "outcome", outcome).count();
  }

  private double deadLetters(String reason) {
    return registry.counter("cairn.inbound.dead.letters", "reason", reason).count();
  }

  private static String header(GetResponse letter, String name) {
    Object value = letter.getProps().getHeaders().get(name);
    return value == null ? null : value.toString();
  }

  private static void assertReason(
      GetResponse letter, String problemType, int status, String reasonPart) {
    assertThat(header(letter, DeadLetters.PROBLEM_TYPE)).isEqualTo(problemType);
    assertThat(header(letter, DeadLetters.STATUS)).isEqualTo(Integer.toString(status));
    assertThat(header(letter, DeadLetters.REASON)).contains(reasonPart);
  }
}
