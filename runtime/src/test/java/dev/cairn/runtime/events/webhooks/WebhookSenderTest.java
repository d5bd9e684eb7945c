package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.tools.egress.EgressTarget;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender connects where the guard checked, follows no redirect and bounds what it reads. */
class WebhookSenderTest {
  private Vertx vertx;
  private HttpServer server;
  private final List<String> hosts = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final AtomicReference<Boolean> wroteWholeAnswer = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            paths.add(exchange.getRequestURI().toString());
            switch (exchange.getRequestURI().getPath()) {
              case "/moved" -> {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
                exchange.sendResponseHeaders(302, -1);
              }
              case "/huge" -> {
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream out = exchange.getResponseBody()) {
                  for (int i = 0; i < 1024; i++) { // 64 MiB if it were all read
                    out.write(chunk);
                  }
                  wroteWholeAnswer.set(true);
                } catch (IOException e) {
                  // The sender stopped reading and reset the stream.
                  wroteWholeAnswer.set(false);
                }
              }
              default -> exchange.sendResponseHeaders(204, -1);
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private WebhookSender sender() {
    return new WebhookSender(vertx, new TestConfig());
  }

  /** A target whose host does not resolve anywhere, checked as 127.0.0.1. */
  private EgressTarget target(String path) {
    int port = server.getAddress().getPort();
    return new EgressTarget(
        URI.create("http://receiver.invalid:" + port + path),
        "receiver.invalid",
        port,
        false,
        List.of(InetAddress.getLoopbackAddress()));
  }

  @Test
  void shouldConnectToTheCheckedAddressAndNeverResolveTheHostAgain() {
    SendResult result =
        sender().post(target("/in?x=1"), Map.of("Content-Type", "application/json"), "{}");
    assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(204);
    assertThat(result.delivered()).isTrue();
    // receiver.invalid cannot resolve: the request reached the checked address, and the Host
    // header still names the URL's host.
    assertThat(hosts).containsExactly("receiver.invalid:" + server.getAddress().getPort());
    assertThat(paths).containsExactly("/in?x=1");
  }

  @Test
  void shouldNotFollowRedirects() {
    SendResult result = sender().post(target("/moved"), Map.of(), "{}");
    assertThat(result.status()).isEqualTo(302);
    assertThat(result.delivered()).isFalse();
    assertThat(paths).containsExactly("/moved");
  }

  @Test
  void shouldStopReadingALongAnswerAtTheLimit() {
    SendResult result = sender().post(target("/huge"), Map.of(), "{}");
    assertThat(result.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> wroteWholeAnswer.get() != null);
    assertThat(wroteWholeAnswer.get()).as("the receiver could write all 64 MiB").isFalse();
  }

  @Test
  void shouldReportAnUnreachableTargetWithoutClassNames() {
    EgressTarget closed =
        new EgressTarget(
            URI.create("http://receiver.invalid:9/"),
            "receiver.invalid",
            9,
            false,
            List.of(InetAddress.getLoopbackAddress()));
    SendResult result = sender().post(closed, Map.of(), "{}");
    assertThat(result.status()).isNull();
    assertThat(result.error()).startsWith("cannot connect").doesNotContain("Exception");
  }

  /** Settings for the sender; the rest is not read by it. */
  private static final class TestConfig implements WebhookConfig {
    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public boolean allowPrivateTargets() {
      return false;
    }

    @Override
    public Optional<List<String>> allowedNetworks() {
      return Optional.empty();
    }

    @Override
    public int maxSubscriptionsPerTenant() {
      return 25;
    }

    @Override
    public int maxAttempts() {
      return 3;
    }

    @Override
    public Duration backoffBase() {
      return Duration.ofSeconds(1);
    }

    @Override
    public Duration backoffMax() {
      return Duration.ofSeconds(1);
    }

    @Override
    public Duration connectTimeout() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Duration requestTimeout() {
      return Duration.ofSeconds(5);
    }

    @Override
    public int maxResponseBytes() {
      return 1024;
    }

    @Override
    public int maxInFlight() {
      return 4;
    }

    @Override
    public Duration pollInterval() {
      return Duration.ofSeconds(1);
    }

    @Override
    public int batchSize() {
      return 10;
    }

    @Override
    public Duration retention() {
      return Duration.ofDays(1);
    }

    @Override
    public Optional<String> secretKey() {
      return Optional.empty();
    }
  }
}
