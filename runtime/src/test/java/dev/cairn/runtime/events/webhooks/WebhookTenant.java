package dev.cairn.runtime.events.webhooks;

import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A fresh tenant with a key per role, for webhook tests that must not see each other's events. */
final class WebhookTenant {
  final String id;
  final String admin;
  final String developer;
  final String operator;
  final String auditor;

  WebhookTenant() {
    id = Auth.newTenant();
    admin = Auth.newKey(id, "admin");
    developer = Auth.newKey(id, "developer");
    operator = Auth.newKey(id, "operator");
    auditor = Auth.newKey(id, "auditor");
  }

  /** A subscription just created: its id and the secret shown once. */
  record Subscription(String id, String secret) {}

  RequestSpecification as(String key) {
    return Auth.as(key).contentType(ContentType.JSON);
  }

  Subscription subscribe(String url, List<String> types) {
    JsonPath created =
        as(admin)
            .body(Map.of("url", url, "types", types))
            .post("/v1/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Subscription(created.getString("id"), created.getString("secret"));
  }

  /** An agent whose runs take three steps: a model call asking for a tool, the tool, an answer. */
  String publishThreeStepAgent() {
    String name = Names.agent();
    as(developer)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[
             {"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
             {"text":"42"}]},"tools":["calculator"]}"""
                .formatted(name))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  String submit(String agent) {
    return Auth.submit(developer, agent);
  }

  void awaitCompleted(String runId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> as(developer).get("/v1/runs/" + runId).then().extract().path("status"),
            "COMPLETED"::equals);
  }
}
