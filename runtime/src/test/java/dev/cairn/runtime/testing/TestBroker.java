package dev.cairn.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real RabbitMQ broker for tests, found once per JVM: the one on {@code 127.0.0.1:5672}
 * (guest/guest; {@code CAIRN_TEST_RABBITMQ_HOST} and {@code CAIRN_TEST_RABBITMQ_PORT} name another)
 * where it runs; else a Testcontainers container of {@code CAIRN_TEST_RABBITMQ_IMAGE} (environment
 * variable or system property, default {@value #DEFAULT_IMAGE}, used as a substitute for {@code
 * rabbitmq} so a locally built image works); else none, and a test that needs one is skipped with
 * the reason, or fails when {@code CAIRN_REQUIRE_BROKER=true}.
 *
 * <p>In a {@code @QuarkusTest}: {@code @ExtendWith(TestBroker.Required.class)} skips (or fails) the
 * class before Quarkus starts, and {@code @WithTestResource(TestBroker.Resource.class)} gives
 * Quarkus the broker ({@code rabbitmq-host}, {@code rabbitmq-port}, {@code rabbitmq-username},
 * {@code rabbitmq-password}). Elsewhere: {@link #get()}.
 */
public final class TestBroker {
  /** The image when {@code CAIRN_TEST_RABBITMQ_IMAGE} is not set. */
  public static final String DEFAULT_IMAGE = "rabbitmq:3-management";

  // The broker is remembered in system properties (not "cairn." ones, which Quarkus would check
  // as configuration): Quarkus loads test classes in more than one class loader, and each would
  // otherwise look again, and start a second container.
  private static final String FOUND = "dev.cairn.test.rabbitmq.";

  private TestBroker() {}

  /**
   * Where a broker listens and how to log in.
   *
   * @param host host
   * @param port AMQP port
   * @param username user
   * @param password password
   * @param origin where it comes from, for logs
   */
  public record Broker(String host, int port, String username, String password, String origin) {
    /**
     * The configuration that points the SmallRye RabbitMQ connector at this broker.
     *
     * @return {@code rabbitmq-host}, {@code rabbitmq-port}, {@code rabbitmq-username}, {@code
     *     rabbitmq-password}
     */
    public Map<String, String> quarkusConfig() {
      return Map.of(
          "rabbitmq-host", host,
          "rabbitmq-port", Integer.toString(port),
          "rabbitmq-username", username,
          "rabbitmq-password", password);
    }

    /**
     * A client connection factory for this broker (the RabbitMQ Java client).
     *
     * @return the factory
     */
    public ConnectionFactory connectionFactory() {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setHost(host);
      factory.setPort(port);
      factory.setUsername(username);
      factory.setPassword(password);
      factory.setConnectionTimeout(5_000);
      return factory;
    }
  }

  /**
   * The broker, or the test is skipped with the reason (fails when {@code
   * CAIRN_REQUIRE_BROKER=true}).
   *
   * @return the broker
   */
  public static Broker get() {
    Optional<Broker> broker = find();
    if (broker.isEmpty()) {
      if (required()) {
        fail("CAIRN_REQUIRE_BROKER=true but " + missingReason());
      }
      Assumptions.abort(missingReason());
    }
    return broker.get();
  }

  /**
   * The broker, looked for once per JVM.
   *
   * @return the broker, or empty when none can be had ({@link #missingReason()} says why)
   */
  public static synchronized Optional<Broker> find() {
    if (System.getProperty(FOUND + "host") == null && System.getProperty(FOUND + "none") == null) {
      look();
    }
    String host = System.getProperty(FOUND + "host");
    if (host == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Broker(
            host,
            Integer.parseInt(System.getProperty(FOUND + "port")),
            System.getProperty(FOUND + "username"),
            System.getProperty(FOUND + "password"),
            System.getProperty(FOUND + "origin")));
  }

  /**
   * Why there is no broker.
   *
   * @return the reason, or null when there is one
   */
  public static String missingReason() {
    return System.getProperty(FOUND + "none");
  }

  private static boolean required() {
    return "true".equalsIgnoreCase(setting("CAIRN_REQUIRE_BROKER", "false"));
  }

  private static void look() {
    String host = setting("CAIRN_TEST_RABBITMQ_HOST", "127.0.0.1");
    int port = Integer.parseInt(setting("CAIRN_TEST_RABBITMQ_PORT", "5672"));
    Broker local = new Broker(host, port, "guest", "guest", "broker on " + host + ":" + port);
    String localProblem = reachable(local);
    if (localProblem == null) {
      remember(local);
      return;
    }
    // Testcontainers finds its Docker strategies through the context class loader; under Quarkus's
    // test class loading that must be the loader of this class, or they are "not a subtype".
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(TestBroker.class.getClassLoader());
    try {
      startContainer(host + ":" + port + " (" + localProblem + ")");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void startContainer(String noLocalBroker) {
    String image = setting("CAIRN_TEST_RABBITMQ_IMAGE", DEFAULT_IMAGE);
    String none = "no RabbitMQ broker: none on " + noLocalBroker + " and ";
    // Testcontainers' own probe is slow and noisy where there is no engine at all.
    if (System.getenv("DOCKER_HOST") == null
        && !Files.isWritable(Path.of("/var/run/docker.sock"))) {
      System.setProperty(FOUND + "none", none + "no Docker engine for Testcontainers");
      return;
    }
    RabbitMQContainer container = null;
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        System.setProperty(FOUND + "none", none + "Testcontainers finds no Docker engine");
        return;
      }
      container =
          new RabbitMQContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rabbitmq"));
      container.start();
    } catch (RuntimeException e) {
      if (container != null) {
        container.close();
      }
      System.setProperty(
          FOUND + "none", none + "the container of " + image + " did not start: " + e.getMessage());
      return;
    }
    // Ryuk may be disabled (no registry for its image): stop the container when the JVM ends.
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-broker-stop"));
    remember(
        new Broker(
            container.getHost(),
            container.getAmqpPort(),
            container.getAdminUsername(),
            container.getAdminPassword(),
            "container of " + image));
  }

  private static void remember(Broker broker) {
    System.setProperty(FOUND + "host", broker.host());
    System.setProperty(FOUND + "port", Integer.toString(broker.port()));
    System.setProperty(FOUND + "username", broker.username());
    System.setProperty(FOUND + "password", broker.password());
    System.setProperty(FOUND + "origin", broker.origin());
    System.out.println("TestBroker: " + broker.origin());
  }

  /** Null when a connection can be opened, else what went wrong. */
  private static String reachable(Broker broker) {
    ConnectionFactory factory = broker.connectionFactory();
    factory.setConnectionTimeout(2_000);
    factory.setHandshakeTimeout(2_000);
    try (Connection connection = factory.newConnection("cairn-test-probe")) {
      return connection.isOpen() ? null : "connection closed at once";
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String setting(String name, String fallback) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * Skips the test class, before anything starts, when there is no broker; with {@code
   * CAIRN_REQUIRE_BROKER=true} the class fails instead.
   */
  public static final class Required implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (find().isPresent()) {
        return ConditionEvaluationResult.enabled("RabbitMQ: " + find().get().origin());
      }
      if (required()) {
        throw new IllegalStateException("CAIRN_REQUIRE_BROKER=true but " + missingReason());
      }
      return ConditionEvaluationResult.disabled(missingReason());
    }
  }

  /** Points Quarkus's RabbitMQ connector at the broker. */
  public static final class Resource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return find().orElseThrow(() -> new IllegalStateException(missingReason())).quarkusConfig();
    }

    @Override
    public void stop() {
      // The broker outlives one Quarkus application: other test classes use it too.
    }
  }
}
