package dev.cairn.runtime.mcp;

import dev.cairn.testing.FakeOpenAiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a fake OpenAI server and configures two MCP servers before Quarkus boots: {@code fake}
 * (the test's stdio Java program, whose echo description is read from a file at each start), {@code
 * broken} (cannot start), and, where Node.js is installed, {@code web} (a Streamable HTTP script)
 * and {@code memory} (server-memory from npm).
 */
public class McpTestResource implements QuarkusTestResourceLifecycleManager {
  static final Map<String, FakeOpenAiServer.Responder> BY_INPUT = new ConcurrentHashMap<>();
  static FakeOpenAiServer server;
  static Path descriptionFile;
  static Path ledger;
  static boolean memoryInstalled;
  static boolean webStarted;

  /** Server names unique to this test run: approvals are kept in the database between runs. */
  static final String FAKE = "fake-" + suffix();

  static final String MEMORY = "memory-" + suffix();

  static final String WEB = "web-" + suffix();

  /** A server whose command cannot start: always unavailable. */
  static final String BROKEN = "broken-" + suffix();

  /** The HTTP server's bearer token: configured by reference, never listed or logged. */
  static final String WEB_TOKEN = "tok-" + java.util.UUID.randomUUID();

  private static Process web;

  private static String suffix() {
    return java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public Map<String, String> start() {
    server =
        FakeOpenAiServer.start(
            call -> {
              FakeOpenAiServer.Responder responder = BY_INPUT.get(call.firstUserText());
              return responder == null
                  ? FakeOpenAiServer.Reply.text("no script for this input")
                  : responder.reply(call);
            });
    Map<String, String> config = new HashMap<>();
    config.put("cairn.openai.base-url", server.baseUrl());
    config.put("cairn.openai.api-key", "test-key");
    config.put("cairn.openai.timeout", "5s");
    try {
      Path dir = Files.createTempDirectory("cairn-mcp-test");
      descriptionFile = dir.resolve("echo-description.txt");
      Files.writeString(descriptionFile, "Echoes the text back.");
      ledger = dir.resolve("ledger.jsonl");
      String fake = "cairn.mcp.servers." + FAKE + ".";
      config.put(fake + "command", String.join(",", McpServers.fakeServerCommand()));
      config.put(fake + "environment.FAKE_MCP_DESCRIPTION_FILE", descriptionFile.toString());
      config.put(fake + "environment.FAKE_MCP_LEDGER", ledger.toString());
      config.put(fake + "timeout", "2s");
      config.put(fake + "restart-backoff", "50ms");
      config.put(fake + "tools.echo.side-effect", "IDEMPOTENT");
      config.put(fake + "tools.slow.side-effect", "READ_ONLY");
      boolean node = McpServers.nodeAvailable();
      if (node) {
        ProcessBuilder builder =
            new ProcessBuilder("node", McpServers.script("fake-mcp-http-server.js"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("FAKE_MCP_TOKEN", WEB_TOKEN);
        web = builder.start();
        String port =
            new java.io.BufferedReader(
                    new java.io.InputStreamReader(
                        web.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        String http = "cairn.mcp.servers." + WEB + ".";
        config.put(http + "url", "http://127.0.0.1:" + port + "/mcp");
        // A reference, as an operator writes ${MY_SECRET_ENV}: the value lives elsewhere.
        config.put(http + "headers.Authorization", "Bearer ${test.mcp.web-token}");
        config.put("test.mcp.web-token", WEB_TOKEN);
        config.put(http + "tools.shout.side-effect", "IDEMPOTENT");
        webStarted = true;
      }
      config.put(
          "cairn.mcp.servers." + BROKEN + ".command",
          McpServers.java() + ",/nonexistent/NoServer.java");
      config.put("cairn.mcp.servers." + BROKEN + ".timeout", "2s");
      var memory = node ? McpServers.memoryServer() : java.util.Optional.<String>empty();
      memoryInstalled = memory.isPresent();
      if (memoryInstalled) {
        String mem = "cairn.mcp.servers." + MEMORY + ".";
        config.put(mem + "command", "node," + memory.get());
        config.put(mem + "environment.MEMORY_FILE_PATH", dir.resolve("memory.jsonl").toString());
        config.put(mem + "tools.read_graph.side-effect", "READ_ONLY");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
    if (web != null) {
      web.destroy();
    }
  }
}
