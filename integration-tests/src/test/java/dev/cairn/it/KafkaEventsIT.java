package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * The relay against a real Kafka broker: the packaged runtime with the {@code smallrye-kafka}
 * connector, 50 runs of a scripted agent to completion, and the {@code cairn.events} topic read
 * back with a plain consumer from the beginning. Every run's events arrive with runseq 1 to the
 * run's {@code agent_run.event_seq} and no gap; all records of a run carry the run id as key, sit
 * in one partition and appear there in runseq order (a redelivery, allowed by the relay's
 * at-least-once contract, must repeat an earlier record exactly); every value is a CloudEvent 1.0
 * with id {@code <run>/<runseq>}.
 *
 * <p>The broker comes from Testcontainers. The image is {@code CAIRN_TEST_KAFKA_IMAGE} (system
 * property or environment variable), default {@code apache/kafka:3.9.1}, declared a compatible
 * substitute for {@code apache/kafka}. The test is skipped, with the reason printed, when Docker is
 * not available or when the image is neither present locally nor pullable; with {@code
 * CAIRN_REQUIRE_KAFKA=true} it fails instead in both cases ({@code CAIRN_REQUIRE_DOCKER=true}, as
 * for {@link ContainerPostgresIT}, makes a missing Docker a failure, but not a missing Kafka
 * image).
 */
class KafkaEventsIT {

  private static final String TEST_NAME = "KafkaEventsIT";
  private static final String DEFAULT_IMAGE = "apache/kafka:3.9.1";
  private static final String TOPIC = "cairn.events";

  /** More than one, so that the check "a run stays in one partition, in order" means something. */
  private static final int PARTITIONS = 4;

  private static final int RUNS = 50;
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tool call, then an answer: 5 events per run (submitted, 3 steps, completed). */
  private static final String AGENT =
      """
      {"name":"kafka-events","model":{"provider":"scripted","name":"s","script":
        [{"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}]},{"text":"2"}]},
       "tools":["calculator"]}""";

  @Test
  void shouldPublishEveryEventOfEveryRunToKafkaKeyedByRunInOrderWithNoGap() throws Exception {
    requireDocker();
    String image = setting("CAIRN_TEST_KAFKA_IMAGE", DEFAULT_IMAGE);
    DockerImageName imageName =
        DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka");
    requireImage(imageName);
    // Ryuk may be disabled (no registry for its image), so the container is stopped here, always.
    try (KafkaContainer kafka = new KafkaContainer(imageName)) {
      kafka.start();
      String bootstrap = kafka.getBootstrapServers();
      System.out.println(TEST_NAME + ": image " + image + ", bootstrap " + bootstrap);
      createTopic(bootstrap);

      try (TestDatabase database = TestDatabase.create();
          RuntimeProcess runtime =
              new RuntimeProcess(
                  new RuntimeProcess.Spec(
                      TEST_NAME,
                      "node-1",
                      database,
                      // The agent is scripted: no model server, no webhook.
                      "http://127.0.0.1:9/v1",
                      "http://127.0.0.1:9/webhook",
                      Map.of(
                          "MP_MESSAGING_OUTGOING_CAIRN_EVENTS_CONNECTOR",
                          "smallrye-kafka",
                          "KAFKA_BOOTSTRAP_SERVERS",
                          bootstrap)));
          KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
        runtime.start();
        runtime.awaitReady();

        CairnClient client = new CairnClient(runtime.baseUrl());
        client.publishAgent(AGENT);
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          runs.add(client.submitRun("kafka-events", "\"run-" + i + "\""));
        }

        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
          partitions.add(new TopicPartition(TOPIC, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<Received> received = new ArrayList<>();
        try {
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(250))
              .pollInSameThread()
              .until(() -> allDelivered(database, runs, consumer, received));
        } catch (ConditionTimeoutException e) {
          throw new AssertionError(
              "not every run completed with all its events on "
                  + TOPIC
                  + " within 120 s: "
                  + received.size()
                  + " records, runs "
                  + Sql.rows(
                      database, "SELECT id, status, event_seq FROM agent_run ORDER BY created_at")
                  + "; runtime log "
                  + runtime.currentLog()
                  + ":\n"
                  + RuntimeProcess.tail(runtime.currentLog(), 40),
              e);
        }
        // Anything published late (a redelivery) is part of what a consumer sees, so read on a bit.
        poll(consumer, received, Duration.ofSeconds(2));

        Map<String, Long> lastSeqs = lastSeqs(database);
        assertEveryRecordIsACloudEventKeyedByItsRun(received);
        assertThat(received.stream().map(Received::key).distinct())
            .as("runs with events on the topic")
            .containsExactlyInAnyOrderElementsOf(runs);
        int redeliveries = 0;
        for (String run : runs) {
          redeliveries += assertRunInOnePartitionInOrderWithNoGap(run, lastSeqs.get(run), received);
        }
        Map<Integer, Integer> runsPerPartition = new TreeMap<>();
        received.stream()
            .map(r -> Map.entry(r.key(), r.partition()))
            .distinct()
            .forEach(e -> runsPerPartition.merge(e.getValue(), 1, Integer::sum));
        System.out.println(
            TEST_NAME
                + ": "
                + runs.size()
                + " runs, "
                + received.size()
                + " records, "
                + redeliveries
                + " redelivered; runs per partition "
                + runsPerPartition);
      }
    }
  }

  /** One record as consumed, in consumption order (offset order within a partition). */
  private record Received(
      int partition, long offset, String key, String value, Map<String, String> headers) {}

  private static boolean allDelivered(
      TestDatabase database,
      List<String> runs,
      KafkaConsumer<String, String> consumer,
      List<Received> received) {
    poll(consumer, received, Duration.ofMillis(200));
    Map<String, Long> completed = new HashMap<>();
    for (Map.Entry<String, Long> row :
        Sql.query(
            database,
            "SELECT id::text, event_seq FROM agent_run WHERE status = 'COMPLETED'",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))) {
      completed.put(row.getKey(), row.getValue());
    }
    Map<String, Set<Long>> seen = new HashMap<>();
    for (Received r : received) {
      seen.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(runseq(r));
    }
    for (String run : runs) {
      Long last = completed.get(run);
      Set<Long> got = seen.get(run);
      if (last == null || got == null || got.size() < last) {
        return false;
      }
    }
    return true;
  }

  private static void poll(
      KafkaConsumer<String, String> consumer, List<Received> received, Duration timeout) {
    for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (Header header : record.headers()) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
      received.add(
          new Received(record.partition(), record.offset(), record.key(), record.value(), headers));
    }
  }

  private static void assertEveryRecordIsACloudEventKeyedByItsRun(List<Received> received) {
    for (Received r : received) {
      String where = "record " + r.partition() + "@" + r.offset();
      JsonNode event = json(r.value());
      assertThat(event.path("specversion").asText()).as(where + " specversion").isEqualTo("1.0");
      String subject = event.path("subject").asText();
      assertThat(r.key()).as(where + " key is the run id (the event's subject)").isEqualTo(subject);
      assertThat(event.path("runseq").isIntegralNumber()).as(where + " runseq").isTrue();
      String id = subject + "/" + event.path("runseq").asLong();
      assertThat(event.path("id").asText()).as(where + " id").isEqualTo(id);
      assertThat(event.path("type").asText()).as(where + " type").startsWith("dev.cairn.run.");
      assertThat(event.path("source").asText()).as(where + " source").isNotBlank();
      assertThat(event.has("data")).as(where + " has data").isTrue();
      assertThat(r.headers())
          .as(where + " headers")
          .containsEntry("ce_id", id)
          .containsEntry("ce_type", event.path("type").asText())
          .containsEntry("content-type", "application/cloudevents+json");
    }
  }

  /**
   * In offset order, each record of the run either carries the next runseq or repeats an earlier
   * record exactly; the distinct runseqs are 1 to the run's event_seq.
   *
   * @return how many redeliveries the run had
   */
  private static int assertRunInOnePartitionInOrderWithNoGap(
      String run, Long lastSeq, List<Received> received) {
    List<Received> records = received.stream().filter(r -> run.equals(r.key())).toList();
    assertThat(lastSeq).as("event_seq of run %s", run).isNotNull().isPositive();
    assertThat(records.stream().map(Received::partition).distinct())
        .as("partitions holding the events of run %s", run)
        .hasSize(1);
    Map<Long, String> first = new HashMap<>();
    long highest = 0;
    int redeliveries = 0;
    for (Received r : records) {
      long seq = runseq(r);
      if (seq <= highest) {
        assertThat(r.value())
            .as("run %s: runseq %d again at offset %d, a redelivery", run, seq, r.offset())
            .isEqualTo(first.get(seq));
        redeliveries++;
        continue;
      }
      assertThat(seq)
          .as(
              "run %s: runseq at offset %d (order in partition %d: %s)",
              run, r.offset(), r.partition(), records.stream().map(KafkaEventsIT::runseq).toList())
          .isEqualTo(highest + 1);
      first.put(seq, r.value());
      highest = seq;
    }
    assertThat(highest).as("last runseq of run %s on the topic", run).isEqualTo(lastSeq);
    return redeliveries;
  }

  private static Map<String, Long> lastSeqs(TestDatabase database) {
    Map<String, Long> seqs = new HashMap<>();
    for (Map.Entry<String, Long> row :
        Sql.query(
            database,
            "SELECT id::text, event_seq FROM agent_run",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))) {
      seqs.put(row.getKey(), row.getValue());
    }
    return seqs;
  }

  private static long runseq(Received r) {
    return json(r.value()).path("runseq").asLong();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("record value is not JSON: " + text, e);
    }
  }

  /** The topic with several partitions, before the runtime's producer could auto-create it. */
  private static void createTopic(String bootstrap) throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(config)) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  /**
   * Skips without Docker; fails instead when {@code CAIRN_REQUIRE_KAFKA=true} or {@code
   * CAIRN_REQUIRE_DOCKER=true}.
   */
  private static void requireDocker() {
    boolean available;
    String reason;
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
      reason = "no Docker environment found";
    } catch (RuntimeException | LinkageError e) {
      available = false;
      reason = e.getClass().getSimpleName() + ": " + causes(e);
    }
    if (available) {
      return;
    }
    if (required("CAIRN_REQUIRE_KAFKA") || required("CAIRN_REQUIRE_DOCKER")) {
      fail(
          "CAIRN_REQUIRE_KAFKA or CAIRN_REQUIRE_DOCKER is true but Docker is not available: "
              + reason);
    }
    if (reason.contains("ryuk") || reason.contains("RemoteDockerImage")) {
      // Testcontainers pulls Ryuk and a tiny image for its own checks before any container starts.
      reason +=
          "; Testcontainers could not obtain an image it needs at startup; where no registry is"
              + " reachable, set TESTCONTAINERS_RYUK_DISABLED=true and"
              + " TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE to a local image";
    }
    skip("Docker is not available to Testcontainers (" + reason + ")");
  }

  /**
   * Makes sure the image is present locally, pulling it once if need be; skips when it cannot be
   * obtained (no registry, unknown tag), fails instead when {@code CAIRN_REQUIRE_KAFKA=true}.
   * Failures after this point (the broker does not start, the runtime misbehaves) fail the test.
   *
   * <p>A single pull attempt, not Testcontainers' own pull, which retries for two minutes and
   * reports only that it timed out; here the Docker daemon's answer is the reason shown.
   */
  private static void requireImage(DockerImageName image) {
    DockerImageName name = ImageNameSubstitutor.instance().apply(image);
    DockerClient docker = DockerClientFactory.instance().client();
    try {
      docker.inspectImageCmd(name.asCanonicalNameString()).exec();
      return;
    } catch (NotFoundException e) {
      // not present locally: pull it
    }
    String reason;
    try {
      System.out.println(TEST_NAME + ": image " + name + " not present locally, pulling it");
      boolean done =
          docker
              .pullImageCmd(name.getUnversionedPart())
              .withTag(name.getVersionPart())
              .start()
              .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (done) {
        docker.inspectImageCmd(name.asCanonicalNameString()).exec();
        return;
      }
      reason = "the pull did not finish within " + PULL_TIMEOUT.toSeconds() + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "interrupted while pulling";
    } catch (RuntimeException e) {
      reason = causes(e);
    }
    reason = "cannot obtain the Kafka image " + name + " (" + reason + ")";
    if (required("CAIRN_REQUIRE_KAFKA")) {
      fail("CAIRN_REQUIRE_KAFKA=true but " + reason);
    }
    skip(
        reason
            + "; set CAIRN_TEST_KAFKA_IMAGE to an apache/kafka-compatible image that is present"
            + " locally (docker images) or pullable");
  }

  private static void skip(String reason) {
    String message = TEST_NAME + " skipped: " + reason;
    System.out.println(message);
    Assumptions.abort(message);
  }

  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().strip();
      if (!message.isEmpty() && text.indexOf(message) < 0) {
        text.append(text.isEmpty() ? "" : " <- ").append(message);
      }
    }
    return text.isEmpty() ? e.toString() : text.toString();
  }

  private static boolean required(String name) {
    return Boolean.parseBoolean(setting(name, "false"));
  }

  /** A system property, else the environment variable of the same name, else the default. */
  private static String setting(String name, String defaultValue) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }
}
