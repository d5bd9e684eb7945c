package dev.cairn.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh, empty Postgres database for one test class.
 *
 * <p>Where it comes from, in order: the server named by {@code CAIRN_TEST_JDBC_URL} or {@code
 * QUARKUS_DATASOURCE_JDBC_URL} (a new database {@code cairn_it_<random>} is created there and
 * dropped on close, so tests never see each other's rows); else a {@code postgres:17} container
 * when Docker is reachable; else an embedded Postgres. Set {@code -Dcairn.it.keepDb=true} to keep
 * the database for a post-mortem.
 */
public final class TestDatabase implements AutoCloseable {

  private static final Pattern JDBC_URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?$");

  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final String description;
  private final Cleanup cleanup;

  private TestDatabase(
      String jdbcUrl, String username, String password, String description, Cleanup cleanup) {
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.description = description;
    this.cleanup = cleanup;
  }

  /** Provides a database from the first source available (see the class comment). */
  public static TestDatabase create() {
    String serverUrl = firstSet("CAIRN_TEST_JDBC_URL", "QUARKUS_DATASOURCE_JDBC_URL");
    if (serverUrl != null) {
      String user = firstSet("CAIRN_TEST_JDBC_USERNAME", "QUARKUS_DATASOURCE_USERNAME");
      String pass = firstSet("CAIRN_TEST_JDBC_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD");
      return onServer(serverUrl, user == null ? "postgres" : user, pass == null ? "" : pass);
    }
    if (dockerAvailable()) {
      return inContainer();
    }
    return embedded();
  }

  /** JDBC URL of the test database, to hand to the runtime under test. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String username() {
    return username;
  }

  /** The password; empty when the server trusts local connections. */
  public String password() {
    return password;
  }

  /** Opens a new connection to the test database; the caller closes it. */
  public Connection connect() throws SQLException {
    return open(jdbcUrl, username, password);
  }

  @Override
  public String toString() {
    return description;
  }

  /** Drops the database (or stops the server that holds it). */
  @Override
  public void close() {
    if (Boolean.getBoolean("cairn.it.keepDb")) {
      System.out.println("keeping test database " + description);
      return;
    }
    try {
      cleanup.run();
    } catch (Exception e) {
      // A leftover database must not turn a passing scenario red; it is only disk space.
      System.err.println("could not clean up test database " + description + ": " + e);
    }
  }

  /**
   * A fresh database {@code cairn_it_<random>} on the server at {@code serverUrl}, dropped on
   * close; for tests that run their own server.
   */
  static TestDatabase onServer(String serverUrl, String user, String pass) {
    Matcher url = JDBC_URL.matcher(serverUrl);
    if (!url.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + serverUrl);
    }
    String name = "cairn_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String params = url.group(3) == null ? "" : url.group(3);
    String dbUrl = url.group(1) + "/" + name + params;
    execute(serverUrl, user, pass, "CREATE DATABASE " + name);
    return new TestDatabase(
        dbUrl, user, pass, dbUrl, () -> dropDatabase(serverUrl, user, pass, name));
  }

  private static void dropDatabase(String serverUrl, String user, String pass, String name)
      throws SQLException {
    try (Connection admin = open(serverUrl, user, pass);
        PreparedStatement terminate =
            admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
      // A killed runtime's sessions can outlive it for a moment; DROP fails while any remain.
      terminate.setString(1, name);
      terminate.execute();
      try (Statement drop = admin.createStatement()) {
        drop.execute("DROP DATABASE IF EXISTS " + name);
      }
    }
  }

  private static TestDatabase inContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
    container.start();
    return new TestDatabase(
        container.getJdbcUrl(),
        container.getUsername(),
        container.getPassword(),
        "container " + container.getJdbcUrl(),
        container::stop);
  }

  private static TestDatabase embedded() {
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "no database for the integration tests: set QUARKUS_DATASOURCE_JDBC_URL to a Postgres"
              + " server, or run where Docker or embedded Postgres works (embedded Postgres"
              + " refuses to run as root)",
          e);
    }
    String url = postgres.getJdbcUrl("postgres", "postgres");
    return new TestDatabase(url, "postgres", "", "embedded " + url, postgres::close);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static void execute(String url, String user, String pass, String sql) {
    try (Connection connection = open(url, user, pass);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
    }
  }

  private static Connection open(String url, String user, String pass) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (!pass.isEmpty()) {
      properties.setProperty("password", pass);
    }
    return DriverManager.getConnection(url, properties);
  }

  private static String firstSet(String... names) {
    for (String name : names) {
      String value = System.getenv(name);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /** What closing does; may fail, which {@link #close()} reports and swallows. */
  @FunctionalInterface
  private interface Cleanup {
    void run() throws Exception;
  }
}
