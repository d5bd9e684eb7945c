package dev.cairn.runtime.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses the tests' database, in this order: a datasource URL from the environment (CI); Docker,
 * where Quarkus Dev Services start Postgres through Testcontainers; otherwise an embedded Postgres
 * started here, once per JVM. The database is always a real Postgres.
 */
public class TestDatabaseConfigSource implements ConfigSource {
  private static final String URL = "quarkus.datasource.jdbc.url";
  private static final String USER = "quarkus.datasource.username";

  @Override
  public Map<String, String> getProperties() {
    return Map.of();
  }

  @Override
  public Set<String> getPropertyNames() {
    return needsEmbedded() ? Set.of(URL, USER) : Set.of();
  }

  @Override
  public String getValue(String propertyName) {
    if (!URL.equals(propertyName) && !USER.equals(propertyName)) {
      return null;
    }
    if (!needsEmbedded()) {
      return null;
    }
    return URL.equals(propertyName) ? Embedded.INSTANCE.url : "postgres";
  }

  @Override
  public String getName() {
    return "cairn-test-database";
  }

  @Override
  public int getOrdinal() {
    // Below environment variables (300) and system properties (400): an explicit URL wins.
    return 150;
  }

  private static boolean needsEmbedded() {
    return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null
        && System.getProperty(URL) == null
        && !dockerAvailable();
  }

  private static boolean dockerAvailable() {
    return System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
            && Files.isWritable(Path.of("/var/run/docker.sock"))
            && dockerSocketAnswers();
  }

  private static boolean dockerSocketAnswers() {
    try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      channel.connect(java.net.UnixDomainSocketAddress.of("/var/run/docker.sock"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The embedded server, started on first use and stopped when the JVM exits. */
  private static final class Embedded {
    static final Embedded INSTANCE = new Embedded();
    final String url;

    private Embedded() {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
        url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded Postgres for tests", e);
      }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
      try {
        postgres.close();
      } catch (IOException e) {
        // The JVM is exiting; the temporary server dies with its directory.
      }
    }
  }
}
