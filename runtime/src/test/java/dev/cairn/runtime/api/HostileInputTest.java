package dev.cairn.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cairn.runtime.security.TenantDirectory;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import dev.cairn.runtime.testing.Parked;
import dev.cairn.runtime.testing.WebhookRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.restassured.specification.SpecificationQuerier;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input at every edge of the API. The sweep reads the OpenAPI document and, for every
 * operation in it, sends NUL characters and unpaired surrogates in each string of the body schema
 * (free-form JSON included, at depth and in object keys) and in each string parameter, non-numeric
 * and overflowing numbers, garbage cursors, malformed and oversized bodies. Each must answer a 4xx
 * problem document without internals, and write nothing. An operation the sweep cannot cover (an
 * unknown body schema, parameter type or path parameter) fails the sweep until it is taught here.
 */
@QuarkusTest
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String PROBLEM = "application/problem+json";
  private static final int LIMIT = 1024 * 1024;

  /** Placeholders replaced by raw JSON text after serialization (Jackson cannot write them). */
  private static final String HOSTILE = "@@hostile@@";

  private static final String HOSTILE_KEY = "@@hostile-key@@";

  /** Schemas of free-form JSON values. */
  private static final Set<String> FREE_FORM = Set.of("JsonNode");

  /** Strings, as JSON text, that must be refused in any text field. */
  private static final List<Hostile> HOSTILE_TEXT =
      List.of(
          new Hostile("\"a\\u0000b\"", "NUL"),
          new Hostile("\"\\u0000\"", "NUL"),
          new Hostile("\"a\\ud800b\"", "surrogate"),
          new Hostile("\"\\udc00\"", "surrogate"),
          new Hostile("\"\\udfff\\ud800\"", "surrogate"));

  /** Keys, as JSON text, that must be refused in free-form objects. */
  private static final Hostile NUL_KEY = new Hostile("\"k\\u0000\"", "NUL");

  /** The parser itself refuses it (it cannot be a UTF-8 name), naming the enclosing field. */
  private static final Hostile SURROGATE_KEY = new Hostile("\"k\\ud800\"", "surrogate");

  private static final List<String> NOT_INTEGERS =
      List.of("abc", "1.5", "0x10", " 1", "+", "99999999999999999999", "1e3");

  /** Strings that must never appear in an answer. */
  private static final List<String> LEAKS =
      List.of(
          "Exception",
          "\tat ",
          "at java.",
          "at dev.cairn",
          "at io.",
          "at org.",
          "hibernate",
          "postgresql",
          "SQLState",
          "Caused by");

  @Inject DataSource dataSource;

  private Db db;
  private Parked parked;
  private final Map<String, Map<String, String>> controlTargets = new HashMap<>();
  private String agent;
  private String runId;
  private String keyId;
  private String tenantId;
  private String webhookId;
  private String deliveryId;
  private String memoryKey;

  @BeforeEach
  void publishAgentAndRun() {
    db = new Db(dataSource);
    parked = new Parked(dataSource);
    agent = Names.agent();
    Auth.given()
        .contentType(ContentType.JSON)
        .body(agentBody(agent).toString())
        .post("/v1/agents")
        .then()
        .statusCode(201);
    runId =
        Auth.given()
            .contentType(ContentType.JSON)
            .body(runBody().toString())
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    tenantId = Auth.newTenant();
    memoryKey = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
    keyId = Auth.newKey(tenantId, "auditor").substring(6, 18);
    WebhookRows webhooks = new WebhookRows(dataSource);
    webhooks.retire(TenantDirectory.PLATFORM);
    webhookId = webhooks.subscription(TenantDirectory.PLATFORM);
    deliveryId =
        webhooks.deadDelivery(
            TenantDirectory.PLATFORM, webhooks.subscription(TenantDirectory.PLATFORM));
  }

  // ---------------------------------------------------------------------------------------------
  // The sweep

  @TestFactory
  Stream<DynamicTest> everyOperationShouldRefuseHostileInput() {
    JsonNode doc = openApi();
    List<Operation> operations = operations(doc);
    assertThat(operations).as("operations in the OpenAPI document").isNotEmpty();
    return operations.stream().map(op -> DynamicTest.dynamicTest(op.label(), () -> sweep(doc, op)));
  }

  private void sweep(JsonNode doc, Operation op) {
    List<String> uncovered = new ArrayList<>();
    List<Variant> variants = variants(doc, op, uncovered);
    assertThat(uncovered)
        .as("%s has inputs this sweep cannot cover; teach HostileInputTest about them", op.label())
        .isEmpty();
    if (op.bodySchema() != null) {
      Response base = send(op, Map.of(), Map.of(), Map.of(), baseBody(op).toString());
      assertThat(base.statusCode())
          .as("%s accepts its base request (%s)", op.label(), base.asString())
          .isBetween(200, 299);
    }
    String before = db.rowCounts();
    List<String> failures = new ArrayList<>();
    for (Variant variant : variants) {
      Answer response = variant.send().get();
      String failure = variant.expect().check(variant, response);
      if (failure != null) {
        failures.add(variant.name() + ": " + failure);
      }
    }
    assertThat(failures).as("%s: %d variants sent", op.label(), variants.size()).isEmpty();
    assertThat(db.rowCounts()).as("%s wrote nothing", op.label()).isEqualTo(before);
  }

  private List<Variant> variants(JsonNode doc, Operation op, List<String> uncovered) {
    List<Variant> variants = new ArrayList<>();
    for (Param param : op.params()) {
      switch (param.in()) {
        case "path" -> {
          if (baseParam(op, param) == null) {
            uncovered.add("no base value for path parameter '" + param.name() + "'");
          }
          paramVariants(op, param, variants, uncovered);
        }
        case "query" -> paramVariants(op, param, variants, uncovered);
        case "header" -> headerVariants(op, param, variants, uncovered);
        default -> uncovered.add("parameter '" + param.name() + "' in " + param.in());
      }
    }
    if (op.bodySchema() != null) {
      if (!op.bodyIsJson()) {
        uncovered.add("a request body that is not application/json");
      } else if (baseBody(op) == null) {
        uncovered.add("no base body for schema '" + op.bodySchema() + "'");
      } else {
        bodyVariants(doc, op, variants, uncovered);
      }
    } else if (op.hasBody()) {
      uncovered.add("an inline request body schema");
    }
    if (!op.hasBody()) {
      // Undeclared input is ignored or refused, never a server error.
      variants.add(
          new Variant(
              "undeclared query parameter with NUL",
              () ->
                  answer(
                      send(
                          op,
                          Map.of(),
                          Map.of("x-hostile", "a\u0000b"),
                          Map.of(),
                          baseBodyText(op))),
              Expect.NOT_5XX,
              null,
              null));
    }
    return variants;
  }

  private void paramVariants(
      Operation op, Param param, List<Variant> variants, List<String> uncovered) {
    boolean path = param.in().equals("path");
    switch (param.type()) {
      case "string" -> {
        // An unpaired surrogate cannot be written in a URL: percent-decoding yields U+FFFD.
        variants.add(paramVariant(op, param, path, "a\u0000b", "NUL", true));
        variants.add(paramVariant(op, param, path, "\u0000", "NUL", true));
        if (param.name().equals("cursor")) {
          for (String cursor : garbageCursors()) {
            variants.add(paramVariant(op, param, path, cursor, null, false));
          }
        }
      }
      case "integer" -> {
        for (String value : NOT_INTEGERS) {
          if (path && value.startsWith(" ")) {
            continue; // RestAssured trims path parameters
          }
          variants.add(paramVariant(op, param, path, value, null, true));
        }
      }
      default -> uncovered.add("parameter '" + param.name() + "' of type '" + param.type() + "'");
    }
  }

  private Variant paramVariant(
      Operation op, Param param, boolean path, String value, String fragment, boolean named) {
    Map<String, String> values = Map.of(param.name(), value);
    return new Variant(
        param.in() + " parameter " + param.name() + "=" + printable(value),
        () ->
            answer(
                path
                    ? send(op, values, Map.of(), Map.of(), baseBodyText(op))
                    : send(op, Map.of(), values, Map.of(), baseBodyText(op))),
        Expect.PROBLEM_400,
        named ? param.name() : null,
        fragment);
  }

  private void headerVariants(
      Operation op, Param param, List<Variant> variants, List<String> uncovered) {
    if (!param.type().equals("string")) {
      uncovered.add("header '" + param.name() + "' of type '" + param.type() + "'");
      return;
    }
    // The HTTP codec refuses control characters in a header line before the application sees
    // the request: a 400 that cannot carry a problem document.
    variants.add(
        new Variant(
            "header " + param.name() + " with NUL",
            () -> raw(op, Map.of(param.name(), "a\u0000b"), baseBodyBytes(op), false),
            Expect.CODEC_400,
            null,
            null));
  }

  private void bodyVariants(
      JsonNode doc, Operation op, List<Variant> variants, List<String> uncovered) {
    ObjectNode base = baseBody(op);
    for (Field field : fields(doc, op.bodySchema(), uncovered)) {
      String name = field.dotted();
      switch (field.kind()) {
        case STRING -> {
          for (Hostile h : HOSTILE_TEXT) {
            variants.add(bodyVariant(op, base, field, TextNode.valueOf(HOSTILE), h, name));
          }
        }
        case JSON -> {
          for (Hostile h : HOSTILE_TEXT) {
            variants.add(bodyVariant(op, base, field, TextNode.valueOf(HOSTILE), h, name));
            ObjectNode deep = NODES.objectNode();
            deep.putArray("deep").addObject().put("x", HOSTILE);
            variants.add(bodyVariant(op, base, field, deep, h, name + ".deep[0].x"));
          }
          ObjectNode keyed = NODES.objectNode();
          keyed.putObject("deep").put(HOSTILE_KEY, 1);
          variants.add(bodyVariant(op, base, field, keyed, NUL_KEY, name + ".deep"));
          variants.add(bodyVariant(op, base, field, keyed, SURROGATE_KEY, name));
          ArrayNode huge = NODES.arrayNode().add(HOSTILE);
          variants.add(
              bodyVariant(op, base, field, huge, new Hostile("1e999", "finite"), name + "[0]"));
        }
        case INTEGER, NUMBER, BOOLEAN -> {
          List<String> values =
              switch (field.kind()) {
                case INTEGER -> List.of("\"abc\"", "{}", "[]", "99999999999999999999", "true");
                case NUMBER -> List.of("\"abc\"", "{}", "[]", "1e999");
                default -> List.of("\"abc\"", "{}", "[]");
              };
          for (String value : values) {
            variants.add(
                bodyVariant(
                    op, base, field, TextNode.valueOf(HOSTILE), new Hostile(value, null), name));
          }
        }
      }
    }
    String valid = base.toString();
    List<byte[]> malformed =
        List.of(
            bytes(""),
            bytes("{"),
            bytes("not json"),
            bytes("[]"),
            bytes("\"text\""),
            bytes("42"),
            bytes("null"),
            bytes(valid.substring(0, valid.length() - 1)),
            bytes("{\"x\":\"a\u0000b\"}"),
            join(bytes("{\"x\":\""), new byte[] {(byte) 0xff, (byte) 0xfe}, bytes("\"}")),
            join(
                bytes("{\"x\":\""),
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                bytes("\"}")),
            bytes("[".repeat(5000) + "]".repeat(5000)));
    for (byte[] body : malformed) {
      variants.add(
          new Variant(
              "malformed body " + printable(new String(body, StandardCharsets.ISO_8859_1)),
              () -> answer(send(op, Map.of(), Map.of(), Map.of(), body)),
              Expect.PROBLEM_4XX,
              null,
              null));
    }
    variants.add(
        new Variant(
            "text/plain body",
            () ->
                answer(
                    base(op, Map.of(), Map.of(), Map.of())
                        .contentType(ContentType.TEXT)
                        .body(valid)
                        .request(op.method(), op.path())),
            Expect.PROBLEM_4XX,
            null,
            null));
    byte[] oversized = oversized(base);
    variants.add(
        new Variant(
            "body over the limit (Content-Length)",
            () -> answer(send(op, Map.of(), Map.of(), Map.of(), oversized)),
            Expect.PROBLEM_413,
            null,
            null));
    variants.add(
        new Variant(
            "body over the limit (chunked)",
            () -> raw(op, Map.of(), oversized, true),
            Expect.PROBLEM_413,
            null,
            null));
  }

  private Variant bodyVariant(
      Operation op, ObjectNode base, Field field, JsonNode value, Hostile hostile, String name) {
    String text =
        with(base, field.path(), value)
            .toString()
            .replace("\"" + HOSTILE + "\"", hostile.json())
            .replace("\"" + HOSTILE_KEY + "\"", hostile.json());
    return new Variant(
        "body " + name + " = " + printable(text),
        () -> answer(send(op, Map.of(), Map.of(), Map.of(), text)),
        Expect.PROBLEM_400,
        name,
        hostile.fragment());
  }

  // ---------------------------------------------------------------------------------------------
  // Focused tests

  @Test
  void shouldAnswerAProblemForBodiesOverTheLimit() {
    String before = db.rowCounts();
    byte[] oversized = oversized(runBody());
    Auth.given()
        .contentType(ContentType.JSON)
        .body(oversized)
        .post("/v1/runs")
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("type", equalTo("urn:cairn:problem:payload-too-large"))
        .body("status", equalTo(413));
    Answer chunked = raw("POST", "/v1/runs", Map.of(), oversized, true);
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(chunked.contentType()).startsWith(PROBLEM);
    assertThat(chunked.body()).contains("urn:cairn:problem:payload-too-large");
    assertThat(db.rowCounts()).isEqualTo(before);
    // A chunked body under the limit still reaches the resource, unchanged.
    String small = runBody().put("input", "x".repeat(50_000)).toString();
    Answer accepted = raw("POST", "/v1/runs", Map.of(), bytes(small), true);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.body()).contains("\"input\":\"xxxxx");
    // The server still answers on new connections.
    Auth.given().get("/v1/runs/" + runId).then().statusCode(200);
  }

  @Test
  void shouldRefuseNulInAnyTextFieldNamingIt() {
    String before = db.rowCounts();
    submit("{\"agent\":\"%s\",\"input\":\"a\\u0000b\"}".formatted(agent))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", equalTo("input"));
    submit("{\"agent\":\"%s\",\"input\":{\"a\":[1,{\"b\":\"x\\u0000\"}]}}".formatted(agent))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("input.a[1].b"));
    submit("{\"agent\":\"%s\",\"input\":{\"a\":{\"k\\u0000\":1}}}".formatted(agent))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("input.a"));
    ObjectNode prompt = agentBody(Names.agent()).put("systemPrompt", HOSTILE);
    publish(prompt.toString().replace("\"" + HOSTILE + "\"", "\"a\\u0000b\""))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", equalTo("systemPrompt"))
        .body("errors[0].message", org.hamcrest.Matchers.containsString("NUL"));
    ObjectNode tools = agentBody(Names.agent());
    tools.putArray("tools").add("calculator").add(HOSTILE);
    publish(tools.toString().replace("\"" + HOSTILE + "\"", "\"\\u0000\""))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("tools[1]"));
    assertThat(db.rowCounts()).isEqualTo(before);
  }

  @Test
  void shouldRefuseUnpairedSurrogatesAndKeepPairsIntact() {
    String before = db.rowCounts();
    submit("{\"agent\":\"%s\",\"input\":\"a\\ud800b\"}".formatted(agent))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", equalTo("input"))
        .body("errors[0].message", org.hamcrest.Matchers.containsString("surrogate"));
    submit("{\"agent\":\"%s\",\"input\":[\"\\udc00\"]}".formatted(agent))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("input[0]"));
    publish(
            agentBody(Names.agent())
                .put("description", HOSTILE)
                .toString()
                .replace("\"" + HOSTILE + "\"", "\"x\\udfff\""))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("description"));
    assertThat(db.rowCounts()).isEqualTo(before);
    // A proper pair is text like any other, stored and returned unchanged.
    String id =
        submit("{\"agent\":\"%s\",\"input\":\"a\\ud83d\\ude00b\"}".formatted(agent))
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Auth.given()
        .get("/v1/runs/" + id)
        .then()
        .statusCode(200)
        .body("input", equalTo("a\ud83d\ude00b"));
  }

  @Test
  void shouldRefuseNumbersJsonCannotKeep() {
    String before = db.rowCounts();
    submit("{\"agent\":\"%s\",\"input\":{\"n\":[1e999]}}".formatted(agent))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", equalTo("input.n[0]"));
    assertThat(db.rowCounts()).isEqualTo(before);
  }

  @Test
  void shouldRefuseNonNumericParametersNamingThem() {
    expectInvalid(Auth.given().queryParam("limit", "abc").get("/v1/runs"), "limit");
    expectInvalid(Auth.given().queryParam("limit", "99999999999").get("/v1/runs"), "limit");
    expectInvalid(
        Auth.given().queryParam("after", "x").get("/v1/runs/" + runId + "/checkpoints"), "after");
    expectInvalid(
        Auth.given().queryParam("limit", "1.5").get("/v1/runs/" + runId + "/checkpoints"), "limit");
    expectInvalid(Auth.given().get("/v1/agents/" + agent + "/versions/abc"), "version");
    expectInvalid(Auth.given().queryParam("agent", "a\u0000b").get("/v1/runs"), "agent");
    expectInvalid(Auth.given().get("/v1/agents/{name}", "a\u0000b"), "name");
    // Valid values still work.
    Auth.given().queryParam("limit", "1").get("/v1/runs").then().statusCode(200);
    Auth.given().get("/v1/agents/" + agent + "/versions/1").then().statusCode(200);
  }

  @Test
  void shouldRefuseGarbageCursors() {
    for (String cursor : garbageCursors()) {
      Auth.given()
          .queryParam("cursor", cursor)
          .get("/v1/runs")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("status", equalTo(400))
          .body("type", startsWith("urn:cairn:problem:"));
    }
  }

  @Test
  void shouldRefuseNulInHeadersAndWriteNothing() {
    String before = db.rowCounts();
    // HTTP clients will not send it; written by hand. The HTTP codec refuses a control character
    // in a header line before the application sees the request.
    Answer answer =
        raw(
            "POST",
            "/v1/runs",
            Map.of("Idempotency-Key", "a\u0000b"),
            bytes(runBody().toString()),
            false);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).doesNotContain("Exception");
    assertThat(db.rowCounts()).isEqualTo(before);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  private Response submit(String body) {
    return Auth.given().contentType(ContentType.JSON).body(body).post("/v1/runs");
  }

  private Response publish(String body) {
    return Auth.given().contentType(ContentType.JSON).body(body).post("/v1/agents");
  }

  private static Answer answer(Response response) {
    return new Answer(response.statusCode(), response.contentType(), response.asString());
  }

  private Answer raw(Operation op, Map<String, String> headers, byte[] body, boolean chunked) {
    String target = op.path();
    for (Param param : op.params()) {
      if (param.in().equals("path")) {
        target = target.replace("{" + param.name() + "}", baseParam(op, param));
      }
    }
    return raw(op.method().toUpperCase(Locale.ROOT), target, headers, body, chunked);
  }

  /**
   * A request written byte for byte, for what HTTP clients will not send (a NUL in a header) or
   * send differently (RestAssured sends a stream with a Content-Length, never chunked). The headers
   * {@link Auth#given()} adds (credentials) are written too.
   */
  private static Answer raw(
      String method, String target, Map<String, String> headers, byte[] body, boolean chunked) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\nConnection: close\r\n");
    for (Header header : SpecificationQuerier.query(Auth.given()).getHeaders()) {
      head.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] content = body == null ? new byte[0] : body;
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append(
        chunked
            ? "Transfer-Encoding: chunked\r\n\r\n"
            : "Content-Length: " + content.length + "\r\n\r\n");
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        if (chunked) {
          for (int at = 0; at < content.length; at += 16_384) {
            int length = Math.min(16_384, content.length - at);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, at, length);
            out.write(bytes("\r\n"));
          }
          out.write(bytes("0\r\n\r\n"));
        } else {
          out.write(content);
        }
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before the whole body is written; read its answer.
      }
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      String headerBlock = split < 0 ? answer : answer.substring(0, split);
      String contentType = null;
      for (String line : headerBlock.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          contentType = line.substring("content-type:".length()).trim();
        }
      }
      String rest = split < 0 ? "" : answer.substring(split + 4);
      return new Answer(
          Integer.parseInt(headerBlock.split(" ", 3)[1]),
          contentType,
          chunkedAnswer(headerBlock) ? dechunk(rest) : rest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean chunkedAnswer(String headerBlock) {
    return headerBlock.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int eol = body.indexOf("\r\n", at);
      int length = Integer.parseInt(body.substring(at, eol).trim(), 16);
      if (length == 0) {
        break;
      }
      out.append(body, eol + 2, eol + 2 + length);
      at = eol + 2 + length + 2;
    }
    return out.toString();
  }

  private static void expectInvalid(Response response, String field) {
    response
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem(field))
        .body("status", equalTo(400));
  }

  private RequestSpecification base(
      Operation op, Map<String, String> path, Map<String, String> query, Map<String, String> head) {
    RequestSpecification spec = Auth.given();
    Map<String, String> pathValues = new LinkedHashMap<>();
    for (Param param : op.params()) {
      if (param.in().equals("path")) {
        pathValues.put(param.name(), path.getOrDefault(param.name(), baseParam(op, param)));
      }
    }
    spec.pathParams(new LinkedHashMap<String, Object>(pathValues));
    query.forEach((name, value) -> spec.queryParam(name, value));
    if (op.path().endsWith("/events") && !query.containsKey("timeout")) {
      spec.queryParam("timeout", 1); // event streams otherwise stay open for minutes
    }
    head.forEach((name, value) -> spec.header(name, value));
    return spec;
  }

  private Response send(
      Operation op,
      Map<String, String> path,
      Map<String, String> query,
      Map<String, String> head,
      Object body) {
    RequestSpecification spec = base(op, path, query, head);
    if (body != null) {
      spec.contentType(ContentType.JSON);
      if (body instanceof byte[] bytes) {
        spec.body(bytes);
      } else {
        spec.body((String) body);
      }
    }
    return spec.request(op.method(), op.path());
  }

  private String baseParam(Operation op, Param param) {
    if (op.path().startsWith("/v1/runs/{id}/")) {
      return control(op).get(param.name());
    }
    if (op.path().startsWith("/v1/admin/mcp/")) {
      return "probe";
    }
    return switch (param.name()) {
      case "name" -> agent;
      case "version" -> "1";
      case "key" -> memoryKey;
      case "id" -> {
        if (op.path().startsWith("/v1/webhooks/deliveries")) {
          yield deliveryId;
        }
        if (op.path().startsWith("/v1/webhooks")) {
          yield webhookId;
        }
        yield op.path().startsWith("/v1/api-keys")
            ? keyId
            : op.path().startsWith("/v1/tenants") ? tenantId : runId;
      }
      default -> param.in().equals("path") ? null : "";
    };
  }

  /**
   * The ids an operator operation's base request points at: a parked run in a status that admits
   * the command (and an approval or command of it), one per operation, so each base request
   * succeeds whatever the operations before it did.
   */
  private Map<String, String> control(Operation op) {
    return controlTargets.computeIfAbsent(
        op.label(),
        label -> {
          String command = op.path().substring(op.path().lastIndexOf('/') + 1);
          String status =
              switch (command) {
                case "resume" -> "PAUSED";
                case "retry" -> "FAILED";
                case "reconcile" -> "NEEDS_RECONCILIATION";
                default -> "WAITING";
              };
          String run = parked.run(TenantDirectory.PLATFORM, agent, status);
          Map<String, String> ids = new LinkedHashMap<>();
          ids.put("id", run);
          Parked.Approval approval = parked.approval(TenantDirectory.PLATFORM, run, "calculator");
          ids.put("approvalId", approval.id());
          ids.put("argumentsHash", approval.argumentsHash());
          ids.put("commandId", parked.appliedCommand(TenantDirectory.PLATFORM, run));
          return ids;
        });
  }

  private ObjectNode baseBody(Operation op) {
    if (op.bodySchema() != null && op.bodySchema().equals("ApproveRequest")) {
      return NODES.objectNode().put("argumentsHash", control(op).get("argumentsHash"));
    }
    return baseBody(op.bodySchema());
  }

  private ObjectNode baseBody(String schema) {
    return switch (schema) {
      case "SteerRequest" -> NODES.objectNode().put("text", "be brief");
      case "SignalRequest" -> {
        ObjectNode body = NODES.objectNode().put("name", "sweep");
        body.putObject("payload").put("note", "hostile input sweep");
        yield body;
      }
      case "RejectRequest" -> NODES.objectNode().put("reason", "not now");
      case "ReconcileRequest" -> NODES.objectNode().put("happened", true).put("note", "checked");
      case "BudgetRequest" -> NODES.objectNode().put("maxSteps", 1000);
      case "BulkRequest" -> NODES.objectNode().put("dryRun", true);
      case "ForkRequestBody" -> NODES.objectNode().put("atSeq", 0);
      case "MemoryWriteRequest" ->
          NODES.objectNode().put("content", "sweep").put("expectedVersion", 0);
      case "AgentRequest" -> agentBody(Names.agent());
      case "RunRequest" -> runBody();
      case "ApiKeyRequest" -> {
        ObjectNode body = NODES.objectNode().put("name", "sweep");
        body.putArray("roles").add("auditor");
        yield body;
      }
      case "WebhookRequest" -> {
        ObjectNode body =
            NODES.objectNode().put("url", WebhookRows.URL).put("description", "sweep");
        body.putArray("types").add("run.reconciled");
        yield body;
      }
      case "McpApproveRequest" -> NODES.objectNode().put("hash", probeHash());
      case "TenantRequest" ->
          NODES
              .objectNode()
              .put("id", "s-" + UUID.randomUUID().toString().substring(0, 8))
              .put("displayName", "sweep");
      default -> null;
    };
  }

  /** The live catalogue hash of the test profile's MCP server. */
  private static String probeHash() {
    return Auth.given()
        .get("/v1/admin/mcp/servers")
        .then()
        .statusCode(200)
        .extract()
        .path("find { it.name == 'probe' }.currentHash");
  }

  private byte[] baseBodyBytes(Operation op) {
    String text = baseBodyText(op);
    return text == null ? null : bytes(text);
  }

  private String baseBodyText(Operation op) {
    if (op.bodySchema() == null) {
      return null;
    }
    ObjectNode body = baseBody(op);
    return body == null ? null : body.toString();
  }

  private static ObjectNode agentBody(String name) {
    ObjectNode body = NODES.objectNode();
    body.put("name", name).put("description", "d").put("systemPrompt", "be brief");
    ObjectNode model = body.putObject("model").put("provider", "scripted").put("name", "s");
    model.putArray("script").addObject().put("text", "ok");
    body.putArray("tools").add("calculator");
    return body;
  }

  private ObjectNode runBody() {
    ObjectNode body = NODES.objectNode();
    body.put("agent", agent).put("input", "x");
    return body;
  }

  private static byte[] oversized(ObjectNode base) {
    ObjectNode body = base.deepCopy();
    body.put("padding", "x".repeat(LIMIT + 10_000));
    return bytes(body.toString());
  }

  private static List<String> garbageCursors() {
    String uuid = UUID.randomUUID().toString();
    return List.of(
        "garbage",
        "!!!",
        "%",
        "x".repeat(201),
        b64("1:2"),
        b64("1:0:not-a-uuid"),
        b64("a:b:" + uuid),
        b64("99999999999999:0:" + uuid),
        b64("-99999999999999:0:" + uuid),
        b64("9223372036854775807:0:" + uuid),
        b64("\u0000"));
  }

  private static String b64(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(raw));
  }

  // ---------------------------------------------------------------------------------------------
  // The OpenAPI document

  private static JsonNode openApi() {
    String text =
        Auth.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Operation> operations(JsonNode doc) {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
        String method = entry.getKey().toLowerCase(Locale.ROOT);
        if (method.equals("parameters") || method.equals("summary") || method.equals("servers")) {
          continue;
        }
        JsonNode op = entry.getValue();
        List<Param> params = new ArrayList<>();
        for (JsonNode p : iterable(path.getValue().path("parameters"))) {
          params.add(param(doc, p));
        }
        for (JsonNode p : iterable(op.path("parameters"))) {
          params.add(param(doc, p));
        }
        JsonNode content = op.path("requestBody").path("content");
        boolean hasBody = op.has("requestBody");
        boolean json = content.size() == 1 && content.has("application/json");
        String schema = null;
        if (hasBody) {
          JsonNode s = content.path("application/json").path("schema");
          schema = s.has("$ref") ? refName(s) : null;
        }
        operations.add(new Operation(method, path.getKey(), params, hasBody, json, schema));
      }
    }
    return operations;
  }

  private static Param param(JsonNode doc, JsonNode p) {
    JsonNode schema = resolve(doc, p.path("schema"));
    if (schema.path("type").asText().equals("array")) {
      // A repeatable parameter: each value is swept as one of its items.
      schema = resolve(doc, schema.path("items"));
    }
    return new Param(p.path("name").asText(), p.path("in").asText(), schema.path("type").asText());
  }

  private static List<Field> fields(JsonNode doc, String schema, List<String> uncovered) {
    List<Field> fields = new ArrayList<>();
    walk(doc, schemaNamed(doc, schema), new ArrayList<>(), fields, uncovered, new HashSet<>());
    return fields;
  }

  private static void walk(
      JsonNode doc,
      JsonNode schema,
      List<Object> path,
      List<Field> out,
      List<String> uncovered,
      Set<String> seen) {
    if (schema.has("$ref")) {
      String name = refName(schema);
      if (FREE_FORM.contains(name)) {
        out.add(new Field(List.copyOf(path), Kind.JSON));
      } else if (seen.add(name)) {
        walk(doc, schemaNamed(doc, name), path, out, uncovered, seen);
        seen.remove(name);
      }
      return;
    }
    String where = path.isEmpty() ? "the body" : new Field(path, Kind.STRING).dotted();
    for (String unsupported : List.of("oneOf", "anyOf", "allOf", "enum", "additionalProperties")) {
      if (schema.has(unsupported)) {
        uncovered.add("'" + unsupported + "' at " + where);
        return;
      }
    }
    String type = schema.path("type").isTextual() ? schema.path("type").asText() : "";
    switch (type) {
      case "object" -> {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
          path.add(property.getKey());
          walk(doc, property.getValue(), path, out, uncovered, seen);
          path.removeLast();
        }
      }
      case "array" -> {
        path.add(0);
        walk(doc, schema.path("items"), path, out, uncovered, seen);
        path.removeLast();
      }
      case "string" -> out.add(new Field(List.copyOf(path), Kind.STRING));
      case "integer" -> out.add(new Field(List.copyOf(path), Kind.INTEGER));
      case "number" -> out.add(new Field(List.copyOf(path), Kind.NUMBER));
      case "boolean" -> out.add(new Field(List.copyOf(path), Kind.BOOLEAN));
      default -> uncovered.add("type '" + schema.path("type") + "' at " + where);
    }
  }

  private static JsonNode resolve(JsonNode doc, JsonNode schema) {
    return schema.has("$ref") ? schemaNamed(doc, refName(schema)) : schema;
  }

  private static JsonNode schemaNamed(JsonNode doc, String name) {
    return doc.path("components").path("schemas").path(name);
  }

  private static String refName(JsonNode schema) {
    String ref = schema.path("$ref").asText();
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static Iterable<JsonNode> iterable(JsonNode array) {
    return array::elements;
  }

  // ---------------------------------------------------------------------------------------------
  // JSON helpers

  /** A copy of {@code base} with {@code value} at {@code path}, creating what is missing. */
  private static ObjectNode with(ObjectNode base, List<Object> path, JsonNode value) {
    ObjectNode root = base.deepCopy();
    JsonNode current = root;
    for (int i = 0; i < path.size(); i++) {
      Object step = path.get(i);
      boolean last = i == path.size() - 1;
      boolean nextIsIndex = !last && path.get(i + 1) instanceof Integer;
      if (step instanceof String name) {
        ObjectNode object = (ObjectNode) current;
        if (last) {
          object.set(name, value);
        } else {
          JsonNode child = object.get(name);
          if (child == null || (nextIsIndex ? !child.isArray() : !child.isObject())) {
            child = nextIsIndex ? object.putArray(name) : object.putObject(name);
          }
          current = child;
        }
      } else {
        ArrayNode array = (ArrayNode) current;
        int index = (Integer) step;
        JsonNode child =
            last
                ? value
                : index < array.size()
                        && (nextIsIndex ? array.get(index).isArray() : array.get(index).isObject())
                    ? array.get(index)
                    : nextIsIndex ? NODES.arrayNode() : NODES.objectNode();
        if (index < array.size()) {
          array.set(index, child);
        } else {
          array.add(child);
        }
        current = child;
      }
    }
    return root;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] join(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 80; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return text.length() > 80 ? out + "…(" + text.length() + " chars)" : out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Model

  private record Operation(
      String method,
      String path,
      List<Param> params,
      boolean hasBody,
      boolean bodyIsJson,
      String bodySchema) {
    String label() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  private record Param(String name, String in, String type) {}

  /** What came back: status, content type, body. */
  private record Answer(int status, String contentType, String body) {}

  private enum Kind {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    JSON
  }

  private record Field(List<Object> path, Kind kind) {
    String dotted() {
      StringBuilder out = new StringBuilder();
      for (Object step : path) {
        if (step instanceof Integer index) {
          out.append('[').append(index).append(']');
        } else {
          out.append(out.isEmpty() ? "" : ".").append(step);
        }
      }
      return out.toString();
    }
  }

  /** Raw JSON text for a placeholder, and what the refusal's message must mention. */
  private record Hostile(String json, String fragment) {}

  private record Variant(
      String name, Supplier<Answer> send, Expect expect, String field, String fragment) {}

  private enum Expect {
    PROBLEM_400,
    PROBLEM_413,
    PROBLEM_4XX,
    CODEC_400,
    NOT_5XX;

    String check(Variant variant, Answer response) {
      int status = response.status();
      String body = response.body();
      for (String leak : LEAKS) {
        if (body.contains(leak)) {
          return "answer leaks '" + leak + "': " + body;
        }
      }
      switch (this) {
        case PROBLEM_400, PROBLEM_413, PROBLEM_4XX -> {
          int wanted = this == PROBLEM_400 ? 400 : this == PROBLEM_413 ? 413 : 0;
          if (wanted != 0 ? status != wanted : status < 400 || status > 499) {
            return "status " + status + " (" + body + ")";
          }
          return problem(variant, response, status);
        }
        case CODEC_400 -> {
          if (status != 400) {
            return "status " + status + " (" + body + ")";
          }
          return body.isEmpty() ? null : problem(variant, response, status);
        }
        case NOT_5XX -> {
          if (status >= 500) {
            return "status " + status + " (" + body + ")";
          }
          return status >= 400 ? problem(variant, response, status) : null;
        }
        default -> throw new IllegalStateException(name());
      }
    }

    private static String problem(Variant variant, Answer response, int status) {
      String contentType = String.valueOf(response.contentType());
      String body = response.body();
      if (!contentType.startsWith(PROBLEM)) {
        return "content type '" + contentType + "' (" + body + ")";
      }
      JsonNode problem;
      try {
        problem = JSON.readTree(body);
      } catch (IOException e) {
        return "not JSON: " + body;
      }
      if (problem.path("status").asInt() != status
          || !problem.path("type").asText().startsWith("urn:cairn:problem:")) {
        return "not a problem document: " + body;
      }
      if (variant.field() != null) {
        Set<String> fields = new HashSet<>();
        Iterator<JsonNode> errors = problem.path("errors").elements();
        errors.forEachRemaining(e -> fields.add(e.path("field").asText()));
        if (!fields.contains(variant.field())) {
          return "does not name '" + variant.field() + "': " + body;
        }
      }
      if (variant.fragment() != null && !body.contains(variant.fragment())) {
        return "does not mention '" + variant.fragment() + "': " + body;
      }
      return null;
    }
  }
}
