package dev.cairn.runtime.api;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AgentApiTest {
  @Inject DataSource dataSource;

  static String uniqueName() {
    return Names.agent();
  }

  static String scriptedAgent(String name, String answer) {
    return """
        {"name":"%s","systemPrompt":"be brief","model":{"provider":"scripted","name":"s",
         "script":[{"text":"%s"}]},"tools":["calculator"]}"""
        .formatted(name, answer);
  }

  @Test
  void shouldPublishVersionOneThenTheNextVersion() {
    String name = uniqueName();
    given()
        .contentType(ContentType.JSON)
        .body(scriptedAgent(name, "a"))
        .post("/v1/agents")
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.endsWith("/v1/agents/" + name + "/versions/1"))
        .body("version", equalTo(1))
        .body("spec.budget.maxSteps", equalTo(100));
    given()
        .contentType(ContentType.JSON)
        .body(scriptedAgent(name, "b"))
        .post("/v1/agents")
        .then()
        .statusCode(201)
        .body("version", equalTo(2));
    given()
        .get("/v1/agents/" + name)
        .then()
        .statusCode(200)
        .body("latest.version", equalTo(2))
        .body("versions", equalTo(java.util.List.of(2, 1)));
    given()
        .get("/v1/agents/" + name + "/versions/1")
        .then()
        .statusCode(200)
        .body("spec.model.script[0].text", equalTo("a"));
    given().get("/v1/agents").then().statusCode(200).body("name", hasItem(name));
  }

  @Test
  void shouldNotAddAVersionWhenTheSpecIsUnchanged() {
    String name = uniqueName();
    for (int i = 0; i < 2; i++) {
      given()
          .contentType(ContentType.JSON)
          .body(scriptedAgent(name, "same"))
          .post("/v1/agents")
          .then()
          .statusCode(201)
          .body("version", equalTo(1));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"Bad Name\",\"model\":{\"provider\":\"scripted\"}}",
        "{\"name\":\"ok\"}",
        "{\"name\":\"ok\",\"model\":{\"provider\":\"gpt\"}}",
        "{\"name\":\"ok\",\"model\":{\"provider\":\"openai\"}}",
        "{\"name\":\"ok\",\"model\":{\"provider\":\"scripted\"},\"tools\":[\"no_such_tool\"]}",
        "{\"name\":\"ok\",\"model\":{\"provider\":\"scripted\"},\"budget\":{\"maxSteps\":0}}",
        "{\"name\":\"ok\",\"model\":{\"provider\":\"scripted\",\"script\":[{}]}}",
        "{\"name\":\"ok\",\"model\":{\"provider\":\"scripted\"},\"budget\":{\"maxSteps\":\"many\"}}",
        "{\"name\":",
        "[]",
        "null"
      })
  void shouldRejectInvalidDefinitionsWithProblemDetailsAndWriteNothing(String body) {
    Db db = new Db(dataSource);
    String before = db.rowCounts();
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/agents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("type", startsWith("urn:cairn:problem:"))
        .body(not(containsString("Exception")))
        .body(not(containsString("at dev.cairn")));
    assertThat(db.rowCounts()).isEqualTo(before);
  }

  @Test
  void shouldExplainWhichFieldIsInvalid() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"ok\",\"model\":{\"provider\":\"scripted\"},\"tools\":[\"nope\"]}")
        .post("/v1/agents")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("tools[0]"))
        .body("errors[0].message", containsString("unknown tool 'nope'"));
  }

  @Test
  void shouldAnswerProblemsForUnknownAgentsAndWrongMediaTypes() {
    given()
        .get("/v1/agents/does-not-exist")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("does-not-exist"));
    given()
        .get("/v1/agents/does-not-exist/versions/1")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.TEXT)
        .body("name=x")
        .post("/v1/agents")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    given().delete("/v1/agents").then().statusCode(405).contentType("application/problem+json");
  }
}
