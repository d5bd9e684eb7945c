package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers path: PostgreSQL in a container, the packaged runtime against it, a run of the
 * bundled {@code demo} agent to completion, and the row-level security the migration sets up.
 *
 * <p>The image is {@code CAIRN_TEST_POSTGRES_IMAGE} (system property or environment variable),
 * default {@code postgres:17}, used as a substitute for {@code postgres} so that a locally built
 * image works where no registry is reachable. Without Docker the test is skipped; with {@code
 * CAIRN_REQUIRE_DOCKER=true} (set by CI once it has prepared Docker) it fails instead.
 */
class ContainerPostgresIT {

  private static final String TEST_NAME = "ContainerPostgresIT";
  private static final String DEFAULT_IMAGE = "postgres:17";

  @Test
  void shouldCompleteADemoRunOnAContainerizedPostgres() throws Exception {
    requireDocker();
    String image = setting("CAIRN_TEST_POSTGRES_IMAGE", DEFAULT_IMAGE);
    // Ryuk may be disabled (no registry for its image), so the container is stopped here, always.
    try (PostgreSQLContainer container =
        new PostgreSQLContainer(
            DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))) {
      container.start();
      System.out.println(TEST_NAME + ": image " + image + ", " + container.getJdbcUrl());
      try (TestDatabase database =
              TestDatabase.onServer(
                  container.getJdbcUrl(), container.getUsername(), container.getPassword());
          RuntimeProcess runtime =
              new RuntimeProcess(
                  new RuntimeProcess.Spec(
                      TEST_NAME,
                      "node-1",
                      database,
                      // The demo agent is scripted: no model server, no webhook.
                      "http://127.0.0.1:9/v1",
                      "http://127.0.0.1:9/webhook",
                      Map.of()))) {
        runtime.start();
        runtime.awaitReady();

        CairnClient client = new CairnClient(runtime.baseUrl(), CairnClient.ADMIN_KEY);
        String id = client.submitRun("demo", "\"What is (17+25)*2?\"");
        JsonNode run =
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> client.getRun(id), r -> "COMPLETED".equals(r.path("status").asText()));
        assertThat(run.path("result").path("text").asText()).contains("84");
        assertThat(run.path("stepCount").asInt()).isEqualTo(7);

        try (Connection connection = database.connect()) {
          assertThat(
                  strings(
                      connection,
                      "SELECT rolname FROM pg_roles"
                          + " WHERE rolname IN ('cairn_api', 'cairn_engine') ORDER BY rolname"))
              .as("roles created by the row-level security migration")
              .containsExactly("cairn_api", "cairn_engine");
          assertThat(
                  strings(
                      connection,
                      "SELECT relrowsecurity || ',' || relforcerowsecurity FROM pg_class"
                          + " WHERE oid = 'agent_run'::regclass"))
              .as("agent_run: row security enabled, forced on the owner too")
              .containsExactly("true,true");
        }
      }
    }
  }

  /** Skips without Docker; fails instead when {@code CAIRN_REQUIRE_DOCKER=true}. */
  private static void requireDocker() {
    boolean available;
    String reason;
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
      reason = "no Docker environment found";
    } catch (RuntimeException | LinkageError e) {
      available = false;
      reason = e.toString();
    }
    if (!available && Boolean.parseBoolean(setting("CAIRN_REQUIRE_DOCKER", "false"))) {
      fail("CAIRN_REQUIRE_DOCKER=true but Docker is not available: " + reason);
    }
    assumeTrue(available, "Docker is not available (" + reason + "); skipping " + TEST_NAME);
  }

  /** A system property, else the environment variable of the same name, else the default. */
  private static String setting(String name, String defaultValue) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
