package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import dev.cairn.testing.FakeOpenAiServer.Responder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 while MCP calls are in flight. Two stdio MCP servers (the runtime tests' fake server, a
 * Java program run from source by the JDK running the tests) are approved; one run calls a tool
 * configured {@code IDEMPOTENT}, another the same tool of a second server left {@code
 * NON_IDEMPOTENT} (the default). Once both calls reached their servers (the servers' ledger file
 * shows them), the runtime is SIGKILLed, which also ends its stdio servers. After a restart: the
 * idempotent call is run once more under the same ledger row (same idempotency key, two attempts)
 * and its run completes; the non-idempotent call is not repeated and its run parks as
 * NEEDS_RECONCILIATION.
 */
class McpToolSurvivesKillIT {
  private static final String TEST = "McpToolSurvivesKillIT";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SERVER =
      Path.of("../runtime/src/test/resources/mcp/FakeMcpServer.java").toAbsolutePath().normalize();

  /** The fake server's command: the JDK running the tests launches its source file. */
  private static final String COMMAND =
      String.join(
          ",",
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          SERVER.toString());

  @Test
  void shouldRerunAnIdempotentMcpCallAndParkANonIdempotentOneAfterAKill() throws Exception {
    Path ledger = Files.createTempFile("mcp-ledger", ".jsonl");
    Map<String, String> env =
        Map.of(
            "CAIRN_MCP_SERVERS_IDEM_COMMAND",
            COMMAND,
            "CAIRN_MCP_SERVERS_IDEM_TOOLS_SLOW_SIDE_EFFECT",
            "IDEMPOTENT",
            "CAIRN_MCP_SERVERS_ONCE_COMMAND",
            COMMAND,
            "CAIRN_MCP_SERVERS_IDEM_TIMEOUT",
            "20s",
            "CAIRN_MCP_SERVERS_ONCE_TIMEOUT",
            "20s",
            "FAKE_MCP_LEDGER",
            ledger.toString());
    try (ScenarioRig rig = ScenarioRig.create(TEST, ScenarioRig.seed())) {
      ScenarioRig.Node a = rig.addNode("a", slowCallThenDone(), env);
      try {
        a.startAndAwaitReady();
        approve(a, "idem");
        approve(a, "once");
        a.client()
            .publishAgent(
                """
                {"name":"mcp-kill","systemPrompt":"You use tools.",
                 "model":{"provider":"openai","name":"fake-model"},
                 "tools":["mcp_idem_slow","mcp_once_slow"],"budget":{"maxSteps":20}}""");
        String idempotent = a.client().submitRun("mcp-kill", "\"idem\"");
        String nonIdempotent = a.client().submitRun("mcp-kill", "\"once\"");

        await("both MCP calls reached their servers")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> lines(ledger).size() == 2);
        a.process().kill();
        rig.note("killed a#%d with both MCP calls in flight".formatted(a.process().incarnations()));
        assertThat(ledgerRows(rig, idempotent))
            .as("%s: intent recorded before the idempotent call", rig.context())
            .containsExactly("mcp_idem_slow | IDEMPOTENT | INTENT | 1");
        assertThat(ledgerRows(rig, nonIdempotent))
            .as("%s: intent recorded before the non-idempotent call", rig.context())
            .containsExactly("mcp_once_slow | NON_IDEMPOTENT | INTENT | 1");

        a.startAndAwaitReady();
        await("the idempotent run completes, the other parks")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    "COMPLETED".equals(RunRow.status(rig.database(), idempotent))
                        && "NEEDS_RECONCILIATION"
                            .equals(RunRow.status(rig.database(), nonIdempotent)));
        List<String> calls = lines(ledger);
        rig.note("MCP calls seen by the servers: " + calls);
        rig.writeSummary();

        assertThat(ledgerRows(rig, idempotent))
            .as("%s: the idempotent call re-run under the same ledger row", rig.context())
            .containsExactly("mcp_idem_slow | IDEMPOTENT | DONE | 2");
        assertThat(
                Sql.column(
                    rig.database(),
                    "SELECT result FROM tool_invocation WHERE run_id = ?::uuid",
                    idempotent))
            .containsExactly("slept 3000");
        assertThat(ledgerRows(rig, nonIdempotent))
            .as("%s: the non-idempotent call was not repeated", rig.context())
            .containsExactly("mcp_once_slow | NON_IDEMPOTENT | INTENT | 1");
        assertThat(calls.stream().filter(c -> c.contains("\"ms\":3000")).count())
            .as("%s: requests of the idempotent call (before and after the kill)", rig.context())
            .isEqualTo(2);
        assertThat(calls.stream().filter(c -> c.contains("\"ms\":3001")).count())
            .as("%s: requests of the non-idempotent call", rig.context())
            .isEqualTo(1);
        assertThat(
                Sql.column(
                    rig.database(),
                    "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid AND kind = 'TOOL_CALL'",
                    idempotent))
            .as("%s: the tool step recorded once", rig.context())
            .containsExactly("1");
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  /**
   * The run whose input is {@code idem} calls the idempotent server's tool, {@code once} the other.
   */
  private static Responder slowCallThenDone() {
    return call -> {
      if (call.toolResultCount() > 0) {
        return Reply.text("done");
      }
      return "idem".equals(call.firstUserText())
          ? Reply.toolCall("mcp_idem_slow", "{\"ms\":3000}")
          : Reply.toolCall("mcp_once_slow", "{\"ms\":3001}");
    };
  }

  private static void approve(ScenarioRig.Node node, String server) throws IOException {
    HttpResponse<String> list = node.client().exchange("GET", "/v1/admin/mcp/servers", null);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    String hash = null;
    for (JsonNode s : JSON.readTree(list.body())) {
      if (server.equals(s.path("name").asText())) {
        hash = s.path("currentHash").asText(null);
      }
    }
    assertThat(hash).as("live catalogue of %s in %s", server, list.body()).isNotNull();
    HttpResponse<String> approved =
        node.client()
            .exchange(
                "POST",
                "/v1/admin/mcp/servers/" + server + "/approve",
                "{\"hash\":\"" + hash + "\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
  }

  private static List<String> ledgerRows(ScenarioRig rig, String runId) {
    return Sql.column(
        rig.database(),
        "SELECT concat_ws(' | ', tool_name, side_effect, status, attempts)"
            + " FROM tool_invocation WHERE run_id = ?::uuid",
        runId);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
