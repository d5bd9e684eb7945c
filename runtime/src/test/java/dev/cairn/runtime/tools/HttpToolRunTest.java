package dev.cairn.runtime.tools;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent reads and posts over HTTP through the engine: the answers land in checkpoints as
 * untrusted data, a private address is refused and told to the model, and the ledger treats the GET
 * as read-only and the POST as non-idempotent (intent before the request).
 */
@QuarkusTest
class HttpToolRunTest {
  @Inject DataSource dataSource;

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
              idempotencyKeys.add(key);
            }
            byte[] answer =
                ("GET".equals(exchange.getRequestMethod())
                        ? "{\"stock\":12}"
                        : "{\"order\":\"O-1\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(
                "GET".equals(exchange.getRequestMethod()) ? 200 : 201, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String publish(String script) {
    String name = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["http_get","http_post"],"budget":{"maxSteps":20}}"""
                .formatted(name, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static JsonPath awaitTerminal(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
            run -> !List.of("QUEUED", "RUNNING", "WAITING").contains(run.getString("status")));
  }

  @Test
  void shouldReadAndPostThroughTheEngineAndRefuseAPrivateAddress() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"http_get","arguments":{"url":"%1$s/stock/A7"}}]},
             {"toolCalls":[{"name":"http_get","arguments":{"url":"http://10.9.8.7/admin"}}]},
             {"toolCalls":[{"name":"http_post",
               "arguments":{"url":"%1$s/orders","body":"{\\"sku\\":\\"A7\\",\\"count\\":2}"}}]},
             {"text":"Ordered."}]"""
                .formatted(base));
    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"agent\":\"" + agent + "\",\"input\":\"restock A7\"}")
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    JsonPath checkpoints =
        given().get("/v1/runs/" + id + "/checkpoints").then().statusCode(200).extract().jsonPath();
    assertThat(checkpoints.getList("items.kind", String.class))
        .containsExactly(
            "MODEL_CALL",
            "TOOL_CALL",
            "MODEL_CALL",
            "TOOL_CALL",
            "MODEL_CALL",
            "TOOL_CALL",
            "MODEL_CALL");
    String readOutput = checkpoints.getString("items[1].outcome.output");
    assertThat(readOutput).as("the first GET's output (server log: %s)", requests).startsWith("{");
    JsonNode read = Json.parse(readOutput);
    assertThat(read.path("untrusted_content").asBoolean()).isTrue();
    assertThat(read.path("url").asText()).isEqualTo(base + "/stock/A7");
    assertThat(read.path("status").asInt()).isEqualTo(200);
    assertThat(read.path("body").asText()).isEqualTo("{\"stock\":12}");
    assertThat(checkpoints.getString("items[3].outcome.output"))
        .isEqualTo("error: 10.9.8.7 is a private address; Cairn does not send requests there");
    JsonNode posted = Json.parse(checkpoints.getString("items[5].outcome.output"));
    assertThat(posted.path("status").asInt()).isEqualTo(201);
    assertThat(posted.path("body").asText()).isEqualTo("{\"order\":\"O-1\"}");

    assertThat(requests)
        .containsExactly("GET /stock/A7 ", "POST /orders {\"sku\":\"A7\",\"count\":2}");
    assertThat(idempotencyKeys).containsExactly(id + ":6");

    Db db = new Db(dataSource);
    UUID runId = UUID.fromString(id);
    assertThat(
            db.count(
                "SELECT count(*) FROM tool_invocation WHERE run_id = ? AND tool_name = 'http_get'"
                    + " AND side_effect = 'READ_ONLY' AND intent_at = completed_at",
                runId))
        .isEqualTo(2);
    assertThat(
            db.count(
                "SELECT count(*) FROM tool_invocation WHERE run_id = ? AND tool_name = 'http_post'"
                    + " AND side_effect = 'NON_IDEMPOTENT' AND status = 'DONE'"
                    + " AND intent_at < completed_at AND idempotency_key = ?",
                runId,
                id + ":6"))
        .isEqualTo(1);
  }
}
