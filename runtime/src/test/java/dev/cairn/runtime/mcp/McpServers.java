package dev.cairn.runtime.mcp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real MCP servers for tests: the fake stdio server in src/test/resources/mcp, and
 * {@code @modelcontextprotocol/server-memory} from npm, run with the machine's Node.js. The npm
 * package is taken from {@code CAIRN_TEST_MCP_NODE_DIR} when CI provides it, else installed once
 * into {@code target/mcp-node} with {@code npm install --prefix}.
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

  /**
   * The fake server's script.
   *
   * @return its absolute path
   */
  static String fakeServerScript() {
    return script("fake-mcp-server.js");
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
                p ->
                    p.info().commandLine().map(c -> c.contains("fake-mcp-server.js")).orElse(false))
            .toList();
    fakes.forEach(ProcessHandle::destroyForcibly);
    fakes.forEach(p -> p.onExit().join());
    return fakes.size();
  }
}
