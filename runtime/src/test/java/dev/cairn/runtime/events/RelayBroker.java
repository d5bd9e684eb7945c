package dev.cairn.runtime.events;

import dev.cairn.runtime.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Runs the relay against the real RabbitMQ broker through a {@link TcpProxy}, so a test can take
 * the broker away from the runtime and give it back.
 */
public final class RelayBroker implements QuarkusTestResourceLifecycleManager {
  private static volatile TcpProxy proxy;

  /** The test profile: the relay on, publishing to RabbitMQ through the proxy. */
  public static final class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(RelayBroker.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "mp.messaging.outgoing.cairn-events.connector", "smallrye-rabbitmq",
          "mp.messaging.outgoing.cairn-events.reconnect-interval", "1",
          "cairn.events.relay.confirm-timeout", "3s",
          "cairn.events.relay.max-backoff", "1s");
    }
  }

  /**
   * The real broker's host.
   *
   * @return host
   */
  public static String host() {
    return System.getenv().getOrDefault("CAIRN_TEST_RABBITMQ_HOST", "127.0.0.1");
  }

  /**
   * The real broker's port.
   *
   * @return port
   */
  public static int port() {
    return Integer.parseInt(System.getenv().getOrDefault("CAIRN_TEST_RABBITMQ_PORT", "5672"));
  }

  /**
   * The proxy the runtime connects through.
   *
   * @return the proxy
   */
  public static TcpProxy proxy() {
    return proxy;
  }

  @Override
  public Map<String, String> start() {
    try {
      proxy = new TcpProxy(host(), port());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "rabbitmq-host", "127.0.0.1",
        "rabbitmq-port", Integer.toString(proxy.port()),
        "rabbitmq-username", "guest",
        "rabbitmq-password", "guest");
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
