package dev.cairn.it;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by one test, which it can stop hard and start again on the same port
 * and data directory: the embedded Postgres binaries (zonky bundle) driven with {@code pg_ctl}.
 *
 * <p>"Crash" is {@code pg_ctl stop -m immediate}: every backend is killed without a checkpoint and
 * the next start runs crash recovery, as after a power cut of the database host. Postgres refuses
 * to run as root; when the tests run as root, the server runs as the {@code postgres} user through
 * {@code runuser}. Durability settings stay at their defaults ({@code fsync} and {@code
 * synchronous_commit} on).
 */
final class PostgresServer implements AutoCloseable {

  private static final String SERVER_USER = "postgres";

  private final Path home;
  private final Path data;
  private final Path bin;
  private final Path serverLog;
  private final Path logCopy;
  private final int port;
  private final boolean asServerUser;
  private final Thread exitHook = new Thread(this::stopQuietly, "stop-test-postgres");

  private PostgresServer(Path home, int port, Path logCopy) {
    this.home = home;
    this.data = home.resolve("data");
    this.bin = home.resolve("pg").resolve("bin");
    this.serverLog = home.resolve("server.log");
    this.logCopy = logCopy;
    this.port = port;
    this.asServerUser = "root".equals(System.getProperty("user.name"));
  }

  /**
   * Unpacks the binaries, creates a cluster and starts it on a free port.
   *
   * @param testName names the log directory, where the server log is copied on close
   */
  static PostgresServer start(String testName) {
    Path home;
    try {
      home =
          Files.createTempDirectory(
              "cairn-it-pg-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PostgresServer server =
        new PostgresServer(
            home, freePort(), RuntimeProcess.logDirectory(testName).resolve("postgres.log"));
    try {
      server.unpackBinaries();
      server.initCluster();
      // A test JVM stopped mid-scenario must not leave the server running.
      Runtime.getRuntime().addShutdownHook(server.exitHook);
      server.start();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** JDBC URL of the server's {@code postgres} database. */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Superuser name; the cluster trusts local connections, so there is no password. */
  String user() {
    return SERVER_USER;
  }

  int port() {
    return port;
  }

  /** Starts the server on the existing data directory; returns once it accepts connections. */
  void start() {
    pgCtl(
        "start",
        "-w",
        "-t",
        "60",
        "-l",
        serverLog.toString(),
        "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + home);
  }

  /** {@code pg_ctl stop -m immediate}: backends die at once, no shutdown checkpoint. */
  void stopImmediately() {
    pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
  }

  /** Stops the server (fast mode), keeps its log in the test's log directory, deletes its files. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is exiting (the hook runs) or the hook was never added.
    }
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        pgCtl("stop", "-m", "fast", "-w", "-t", "30");
      }
    } catch (RuntimeException e) {
      System.err.println("could not stop test Postgres in " + data + ": " + e);
    }
    try {
      if (Files.exists(serverLog)) {
        Files.copy(serverLog, logCopy, StandardCopyOption.REPLACE_EXISTING);
      }
      deleteRecursively(home);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not clean up " + home + ": " + e);
    }
  }

  private void stopQuietly() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        stopImmediately();
      }
    } catch (RuntimeException e) {
      System.err.println("could not stop test Postgres in " + data + ": " + e);
    }
  }

  private void unpackBinaries() {
    Path target = home.resolve("pg");
    try (InputStream archive =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
      Files.createDirectories(target);
      Process tar =
          new ProcessBuilder("tar", "-xJf", "-", "-C", target.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (OutputStream in = tar.getOutputStream()) {
        archive.transferTo(in);
      }
      if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        throw new IllegalStateException("cannot unpack the embedded Postgres binaries");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the embedded Postgres binaries", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void initCluster() {
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (asServerUser) {
      run(List.of("chown", "-R", SERVER_USER, home.toString()));
    }
    run(
        serverCommand(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            SERVER_USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"));
    try {
      Files.writeString(
          data.resolve("postgresql.conf"),
          "\nmax_connections = 100\nfsync = on\nsynchronous_commit = on\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pgCtl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve("pg_ctl").toString());
    command.add("-D");
    command.add(data.toString());
    command.addAll(List.of(args));
    run(serverCommand(command.toArray(String[]::new)));
  }

  private List<String> serverCommand(String... command) {
    List<String> full = new ArrayList<>();
    if (asServerUser) {
      full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : arch;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
