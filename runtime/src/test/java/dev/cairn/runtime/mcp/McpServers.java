package dev.cairn.runtime.mcp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * Real MCP servers for tests: the fake stdio server in src/test/resources/mcp (a Java program, run
 * with the JDK that runs the tests), and {@code @modelcontextprotocol/server-memory} from npm, run
 * with the machine's Node.js. The npm package is taken from {@code CAIRN_TEST_MCP_NODE_DIR} when CI
 * provides it, else installed once into {@code target/mcp-node} with {@code npm install --prefix}.
 */
final class McpServers {
  /**
   * The pinned server-memory version (npm), so a new release cannot change the tests' catalogue.
   */
  static final String MEMORY_PACKAGE = "@modelcontextprotocol/server-memory@2026.8.31";

  private McpServers() {}

  /**
   * Whether {@code node} runs here.
   *
   * @return true when Node.js is installed
   */
  static boolean nodeAvailable() {
    return runs(List.of("node", "--version"));
  }

  /** The fake stdio server's main class, also what finds its processes by their command line. */
  static final String FAKE_SERVER_CLASS = "FakeMcpServer";

  /**
   * The command that runs the fake stdio server: its source compiled once into {@code
   * target/fake-mcp-server} (a start from source compiles at every start, too slow for a short
   * start timeout), run by the JDK that runs the tests, not whatever {@code java} is on the PATH.
   *
   * @return the command and its arguments
   */
  static synchronized List<String> fakeServerCommand() {
    Path source = Path.of(script(FAKE_SERVER_CLASS + ".java"));
    Path classes = Path.of("target/fake-mcp-server").toAbsolutePath();
    Path compiled = classes.resolve(FAKE_SERVER_CLASS + ".class");
    try {
      if (!Files.exists(compiled)
          || Files.getLastModifiedTime(compiled).compareTo(Files.getLastModifiedTime(source)) < 0) {
        Files.createDirectories(classes);
        int status =
            ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", classes.toString(), source.toString());
        if (status != 0) {
          throw new IllegalStateException(
              "could not compile " + source + " (javac " + status + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of(
        java(),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-cp",
        classes.toString(),
        FAKE_SERVER_CLASS);
  }

  /**
   * The {@code java} launcher of the JDK running the tests.
   *
   * @return its absolute path
   */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A test server script.
   *
   * @param name file name under src/test/resources/mcp
   * @return its absolute path
   */
  static String script(String name) {
    return Path.of("src/test/resources/mcp", name).toAbsolutePath().toString();
  }

  /**
   * The entry point of server-memory, installed when missing.
   *
   * @return its path, or empty when npm is absent or the install failed
   */
  static Optional<String> memoryServer() {
    String cached = System.getenv("CAIRN_TEST_MCP_NODE_DIR");
    Path dir = cached == null ? Path.of("target/mcp-node").toAbsolutePath() : Path.of(cached);
    Path entry = dir.resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js");
    if (!Files.exists(entry)) {
      runs(
          List.of(
              "npm",
              "install",
              "--prefix",
              dir.toString(),
              "--no-audit",
              "--no-fund",
              MEMORY_PACKAGE));
    }
    return Files.exists(entry) ? Optional.of(entry.toString()) : Optional.empty();
  }

  private static boolean runs(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(devNull()).start();
      return process.waitFor(180, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static File devNull() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /**
   * Kills the running fake server processes started by this JVM, and waits until they are gone.
   *
   * @return how many were killed
   */
  static int killFakeServers() {
    List<ProcessHandle> fakes =
        ProcessHandle.current()
            .descendants()
            .filter(
                p -> p.info().commandLine().map(c -> c.contains(FAKE_SERVER_CLASS)).orElse(false))
            .toList();
    fakes.forEach(ProcessHandle::destroyForcibly);
    fakes.forEach(p -> p.onExit().join());
    return fakes.size();
  }
}
