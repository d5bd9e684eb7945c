package dev.cairn.runtime.events;

import dev.cairn.runtime.testing.TcpProxy;
import dev.cairn.runtime.testing.TestBroker;
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
  private Map<String, String> credentials = Map.of();

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
   * The real broker (the machine's, or a container; see {@link TestBroker}).
   *
   * @return the broker
   */
  public static TestBroker.Broker broker() {
    return TestBroker.get();
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
      TestBroker.Broker broker = TestBroker.find().orElse(null);
      if (broker == null) {
        return Map.of(); // the test class is skipped (TestBroker.Required) before it runs
      }
      proxy = new TcpProxy(broker.host(), broker.port());
      credentials =
          Map.of("rabbitmq-username", broker.username(), "rabbitmq-password", broker.password());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new java.util.HashMap<>(credentials);
    config.put("rabbitmq-host", "127.0.0.1");
    config.put("rabbitmq-port", Integer.toString(proxy.port()));
    return config;
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
