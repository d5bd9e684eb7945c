package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The zero-configuration default: with no datasource URL, the packaged runtime starts an embedded
 * Postgres under {@code CAIRN_HOME}, keeps its data across restarts, and copes with the server a
 * SIGKILLed predecessor left running.
 */
class EmbeddedDefaultIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Process start(Path home, int httpPort, int pgPort, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-jar",
                System.getProperty("cairn.runtime.jar"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("QUARKUS_DATASOURCE") || k.startsWith("CAIRN_"));
    env.put("CAIRN_HOME", home.toString());
    env.put("CAIRN_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort));
    env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    env.put("CAIRN_LEASE_TTL", "3s");
    return builder.start();
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitReady(String base) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> get(base + "/q/health/ready").statusCode() == 200);
  }

  @Test
  void shouldKeepRunsAcrossAKillAndRestartOnTheEmbeddedDatabase() throws Exception {
    Path home = Files.createTempDirectory("cairn-home");
    Path log = Path.of("target", "it-logs", "EmbeddedDefaultIT.log");
    Files.createDirectories(log.getParent());
    int httpPort = freePort();
    int pgPort = freePort();
    String base = "http://127.0.0.1:" + httpPort;

    process = start(home, httpPort, pgPort, log);
    awaitReady(base);
    // First start without an admin key: one is generated, kept owner-only in CAIRN_HOME.
    Path keyFile = home.resolve("admin.key");
    assertThat(Files.getPosixFilePermissions(keyFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String adminKey = Files.readString(keyFile).strip();
    assertThat(adminKey).matches("cairn_[a-z0-9]{12}_[A-Za-z0-9]{43}");
    assertThat(get(base + "/v1/runs").statusCode()).isEqualTo(401);
    CairnClient client = new CairnClient(base, adminKey);
    String id = client.submitRun("demo", "\"survive a kill\"");
    process.destroyForcibly().waitFor();
    assertThat(Files.exists(home.resolve("postgres").resolve("postmaster.pid")))
        .as("the killed runtime leaves its embedded Postgres running")
        .isTrue();

    process = start(home, httpPort, pgPort, log);
    awaitReady(base);
    JsonNode run =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> new CairnClient(base, adminKey).getRun(id),
                r -> "COMPLETED".equals(r.path("status").asText()));
    assertThat(run.path("result").path("text").asText()).contains("84");
    assertThat(run.path("stepCount").asInt()).isEqualTo(7);
    assertThat(Files.readString(keyFile).strip())
        .as("a restart keeps the existing admin key and generates no other")
        .isEqualTo(adminKey);

    process.destroy();
    assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !Files.exists(home.resolve("postgres").resolve("postmaster.pid")));
  }
}
