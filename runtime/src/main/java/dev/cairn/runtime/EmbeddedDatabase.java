package dev.cairn.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The zero-configuration database: an embedded Postgres with its data under {@code
 * $CAIRN_HOME/postgres} (default {@code ~/.cairn/postgres}), kept across restarts. A server left
 * running by a killed process is stopped first, since it would hold the data directory's lock.
 */
final class EmbeddedDatabase {
  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
  private static final int DEFAULT_PORT = 54329;

  private static final CountDownLatch APPLICATION_STOPPED = new CountDownLatch(1);

  private EmbeddedDatabase() {}

  /** Called once the application's own shutdown work is done. */
  static void applicationStopped() {
    APPLICATION_STOPPED.countDown();
  }

  static void startIfNoDatasourceConfigured() {
    if (configured("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL")
        || "false"
            .equalsIgnoreCase(
                setting("cairn.embedded-postgres.enabled", "CAIRN_EMBEDDED_POSTGRES_ENABLED")
                    .orElse("true"))) {
      return;
    }
    Path home =
        setting("cairn.home", "CAIRN_HOME")
            .map(Path::of)
            .orElse(Path.of(System.getProperty("user.home"), ".cairn"));
    Path dataDir = home.resolve("postgres");
    int port =
        Integer.parseInt(
            setting("cairn.embedded-postgres.port", "CAIRN_EMBEDDED_POSTGRES_PORT")
                .orElse(Integer.toString(DEFAULT_PORT)));
    try {
      Files.createDirectories(dataDir);
      stopStaleServer(dataDir);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(false)
              .start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> close(postgres), "cairn-embedded-pg-stop"));
      System.setProperty(
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
      System.setProperty("quarkus.datasource.username", "postgres");
      LOG.infof("embedded Postgres on port %d, data in %s", port, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Postgres in " + dataDir, e);
    }
  }

  /** Stops a postmaster left behind by a killed process (its pid file names it). */
  static void stopStaleServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.getFirst().trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    boolean isPostgres =
        process
            .flatMap(p -> p.info().command())
            .map(command -> command.contains("postgres"))
            .orElse(false);
    if (process.isEmpty() || !process.get().isAlive() || !isPostgres) {
      return;
    }
    LOG.warnf("stopping a stale embedded Postgres (pid %d) left by an earlier process", pid);
    // SIGINT asks Postgres for a fast shutdown (SIGTERM would wait for sessions to end).
    new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
    try {
      process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      process.get().destroyForcibly();
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    // Shutdown hooks run concurrently: wait until the application has drained its in-flight
    // steps (which still commit or release their leases) before the database goes away.
    try {
      APPLICATION_STOPPED.await(60, TimeUnit.SECONDS);
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded Postgres did not stop cleanly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean configured(String property, String env) {
    return setting(property, env).filter(v -> !v.isBlank()).isPresent();
  }

  private static Optional<String> setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(env);
    }
    return Optional.ofNullable(value);
  }
}
