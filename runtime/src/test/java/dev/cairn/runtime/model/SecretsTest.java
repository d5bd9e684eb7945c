package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import dev.cairn.testing.FakeOpenAiServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Provider keys are configuration referenced by name: used on the wire, never stored, returned or
 * logged. API key secrets are never logged or stored either (only their hash).
 */
@QuarkusTest
@QuarkusTestResource(value = FakeOpenAiResource.class, restrictToAnnotatedClass = true)
class SecretsTest {
  @Inject DataSource dataSource;

  @Test
  void providerKeysAndApiKeySecretsAppearNowhereButOnTheWire() throws Exception {
    String agent = Names.agent();
    Auth.given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"openai","name":"fake-model","credential":"team-a"}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String input = "credential " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(input, call -> FakeOpenAiServer.Reply.text("done"));
    String run =
        Auth.given()
            .contentType(ContentType.JSON)
            .body("{\"agent\":\"%s\",\"input\":\"%s\"}".formatted(agent, input))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(Auth.given().get("/v1/runs/" + run).path("status")));
    List<FakeOpenAiServer.ChatCall> calls =
        FakeOpenAiResource.server.calls().stream()
            .filter(c -> input.equals(c.firstUserText()))
            .toList();
    assertThat(calls).isNotEmpty();
    assertThat(calls)
        .as("the named credential's key goes to the provider")
        .allMatch(c -> ("Bearer " + FakeOpenAiResource.TEAM_A_KEY).equals(c.authorization()));

    String tenant = Auth.newTenant();
    String key = Auth.newKey(tenant, "developer", "auditor");
    Auth.as(key).get("/v1/runs").then().statusCode(200);
    Auth.given()
        .queryParam("tenant", tenant)
        .delete("/v1/api-keys/" + key.substring(6, 18))
        .then()
        .statusCode(200);
    Auth.as(key).get("/v1/runs").then().statusCode(401);
    Auth.as(key + "x").get("/v1/runs").then().statusCode(401);
    String secret = key.substring(19);

    String definition = Auth.given().get("/v1/agents/" + agent).asString();
    assertThat(definition).contains("team-a").doesNotContain(FakeOpenAiResource.TEAM_A_KEY);
    assertThat(databaseText(FakeOpenAiResource.TEAM_A_KEY))
        .as("rows holding the provider key")
        .isEmpty();
    assertThat(databaseText(secret)).as("rows holding an API key secret").isEmpty();
    Path log = Path.of("target", "cairn-test.log");
    assertThat(log).exists();
    String logged = Files.readString(log);
    assertThat(logged)
        .as("the log holds the failed use of the revoked key, by its public id")
        .contains("key id " + key.substring(6, 18));
    assertThat(logged).doesNotContain(FakeOpenAiResource.TEAM_A_KEY);
    assertThat(logged).doesNotContain(secret);
  }

  /** Every text, json and bytea column of every table that holds the needle. */
  private List<String> databaseText(String needle) throws Exception {
    List<String> hits = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT table_name, column_name FROM information_schema.columns"
                      + " WHERE table_schema = current_schema()"
                      + " AND data_type IN ('text', 'jsonb', 'ARRAY', 'bytea')");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] column : columns) {
        String sql =
            "SELECT count(*) FROM \"%s\" WHERE strpos(\"%s\"::text, ?) > 0"
                .formatted(column[0], column[1]);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, needle);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
              hits.add(column[0] + "." + column[1]);
            }
          }
        }
      }
    }
    return hits;
  }
}
