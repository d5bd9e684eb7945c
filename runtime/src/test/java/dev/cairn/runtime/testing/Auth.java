package dev.cairn.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Credentials for API tests: the test profile's platform admin key, tenants and keys. */
public final class Auth {
  /** The platform admin key the test profile configures (every role, tenant {@code default}). */
  public static final String PLATFORM_ADMIN_KEY =
      "cairn_testplatform_TestPlatformAdminSecretForCairnOnly12345678";

  private Auth() {}

  /**
   * A request as the platform admin (every role in the {@code default} tenant).
   *
   * @return the request
   */
  public static RequestSpecification given() {
    return as(PLATFORM_ADMIN_KEY);
  }

  /**
   * A request with a bearer key or token.
   *
   * @param bearer the key or token
   * @return the request
   */
  public static RequestSpecification as(String bearer) {
    return RestAssured.given().header("Authorization", "Bearer " + bearer);
  }

  /**
   * A request without credentials.
   *
   * @return the request
   */
  public static RequestSpecification anonymous() {
    return RestAssured.given();
  }

  /**
   * Creates a tenant with a unique id.
   *
   * @return its id
   */
  public static String newTenant() {
    String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .contentType("application/json")
        .body(Map.of("id", id))
        .post("/v1/tenants")
        .then()
        .statusCode(201);
    return id;
  }

  /**
   * Publishes an agent answered by a one-turn script, as the holder of {@code key}.
   *
   * @param key a developer's key or token
   * @param delayMs how long the scripted answer takes
   * @return the agent's name
   */
  public static String publishScripted(String key, int delayMs) {
    String agent = Names.agent();
    as(key)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok","delayMs":%d}]}}"""
                .formatted(agent, delayMs))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  /**
   * Submits a run of an agent, as the holder of {@code key}.
   *
   * @param key a developer's key or token
   * @param agent the agent
   * @return the run id
   */
  public static String submit(String key, String agent) {
    return as(key)
        .contentType("application/json")
        .body("{\"agent\":\"%s\",\"input\":\"hi\"}".formatted(agent))
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /**
   * Creates a key in a tenant.
   *
   * @param tenant the tenant
   * @param roles its roles
   * @return the full key
   */
  public static String newKey(String tenant, String... roles) {
    String key =
        given()
            .contentType("application/json")
            .body(Map.of("name", "test key", "roles", List.of(roles), "tenant", tenant))
            .post("/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    assertThat(key).startsWith("cairn_");
    return key;
  }
}
