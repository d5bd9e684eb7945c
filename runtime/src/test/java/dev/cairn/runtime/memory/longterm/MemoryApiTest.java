package dev.cairn.runtime.memory.longterm;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People's memory API: writes name the version they replace (stale: 409 or 412, none: 428), deletes
 * keep the history, reads as of a time, pinned items, bad input as problem+json, and another tenant
 * sees nothing.
 */
@QuarkusTest
class MemoryApiTest {
  @Inject DataSource dataSource;
  @Inject MemoryService memory;

  private String tenant;
  private String developer;
  private String auditor;
  private String agent;

  @BeforeEach
  void setUp() {
    tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    auditor = Auth.newKey(tenant, "auditor");
    agent = Auth.publishScripted(developer, 0);
  }

  private Response put(String key, String body, String ifMatch, String path) {
    var request = as(key).contentType("application/json").body(body);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return request.put("/v1/agents/" + agent + "/memory/" + path);
  }

  private String memoryPath(String item) {
    return "/v1/agents/" + agent + "/memory/" + item;
  }

  @Test
  void correctionsNameTheVersionTheyReplaceAndStaleOnesAreRefused() {
    put(developer, "{\"content\":\"first\",\"expectedVersion\":0}", null, "fact")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");
    put(developer, "{\"content\":\"again\",\"expectedVersion\":0}", null, "fact")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    put(developer, "{\"content\":\"second\"}", "\"1\"", "fact")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
    put(developer, "{\"content\":\"lost?\"}", "\"1\"", "fact")
        .then()
        .statusCode(412)
        .contentType("application/problem+json");
    put(developer, "{\"content\":\"no precondition\"}", null, "fact")
        .then()
        .statusCode(428)
        .contentType("application/problem+json");
    put(developer, "{\"content\":\"x\",\"expectedVersion\":5}", null, "missing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");

    JsonPath head = as(auditor).get(memoryPath("fact")).then().statusCode(200).extract().jsonPath();
    assertThat(head.getString("content")).isEqualTo("second");
    assertThat(head.getString("origin")).isEqualTo("person");
    assertThat(head.getString("actor")).isEqualTo("key:" + developer.substring(6, 18));
    assertThat(head.getString("runId")).isNull();

    as(developer).header("If-Match", "\"1\"").delete(memoryPath("fact")).then().statusCode(412);
    as(developer).delete(memoryPath("fact")).then().statusCode(200).header("ETag", "\"3\"");
    as(developer)
        .get(memoryPath("fact"))
        .then()
        .statusCode(200)
        .body("deleted", org.hamcrest.Matchers.is(true));
    JsonPath history =
        as(auditor)
            .get(memoryPath("fact") + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(history.getList("items.content", String.class))
        .containsExactly("first", "second", "");
    assertThat(history.getList("items.deleted", Boolean.class)).containsExactly(false, false, true);
    assertThat(listKeys(false)).doesNotContain("fact");
    assertThat(listKeys(true)).contains("fact");
    as(developer).delete(memoryPath("nothing")).then().statusCode(404);
  }

  @Test
  void memoryAsOfATimeShowsTheVersionsThenAndPinnedItemsArePeoplesOnly() {
    put(developer, "{\"content\":\"v1\",\"expectedVersion\":0,\"pinned\":true}", null, "a")
        .then()
        .statusCode(200);
    String between =
        new Db(dataSource)
            .text("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
    put(developer, "{\"content\":\"v2\",\"expectedVersion\":1}", null, "a").then().statusCode(200);
    put(developer, "{\"content\":\"b\",\"expectedVersion\":0}", null, "b").then().statusCode(200);

    JsonPath then =
        as(auditor)
            .queryParam("asOf", between)
            .get("/v1/agents/" + agent + "/memory")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(then.getList("items.key", String.class)).containsExactly("a");
    assertThat(then.getString("items[0].content")).isEqualTo("v1");
    assertThat(listKeys(false)).containsExactly("a", "b");

    assertThat(memory.pinned(tenant, agent, "")).isEmpty();
    put(developer, "{\"content\":\"pin me\",\"expectedVersion\":2,\"pinned\":true}", null, "a")
        .then()
        .statusCode(200);
    List<MemoryVersion> pinned = memory.pinned(tenant, agent, "");
    assertThat(pinned).extracting(MemoryVersion::content).containsExactly("pin me");
    assertThat(pinned).extracting(MemoryVersion::origin).containsOnly(Origin.PERSON);

    // What the context builder gets: pinned items as data lines, cached for a while.
    java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(t0);
    java.time.Clock clock =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return now.get();
          }
        };
    PinnedMemorySource source = new PinnedMemorySource(memory, true, clock);
    assertThat(source.textFor(tenant, agent)).isEqualTo("- a: pin me\n");
    put(developer, "{\"content\":\"c\",\"expectedVersion\":0,\"pinned\":true}", null, "c")
        .then()
        .statusCode(200);
    assertThat(source.textFor(tenant, agent)).as("cached").isEqualTo("- a: pin me\n");
    now.set(t0.plus(PinnedMemorySource.TTL));
    assertThat(source.textFor(tenant, agent)).isEqualTo("- a: pin me\n- c: c\n");
    assertThat(new PinnedMemorySource(memory, false, clock).textFor(null))
        .as("no share of the window: nothing read")
        .isEmpty();
  }

  @Test
  void anotherTenantSeesNothingAndBadInputIsAProblem() {
    put(developer, "{\"content\":\"secret\",\"expectedVersion\":0}", null, "s")
        .then()
        .statusCode(200);
    String other = Auth.newKey(Auth.newTenant(), "developer", "auditor");
    as(other).get(memoryPath("s")).then().statusCode(404).contentType("application/problem+json");
    as(other)
        .get("/v1/agents/" + agent + "/memory")
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
    as(other)
        .queryParam("q", "secret")
        .get("/v1/agents/" + agent + "/memory/search")
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
    put(other, "{\"content\":\"x\",\"expectedVersion\":0}", null, "s")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");

    for (Response bad :
        List.of(
            put(developer, "{\"content\":\"x\",\"expectedVersion\":0}", null, "-bad"),
            put(
                developer,
                "{\"content\":\"" + "x".repeat(9000) + "\",\"expectedVersion\":0}",
                null,
                "big"),
            put(developer, "{\"content\":\"\",\"expectedVersion\":0}", null, "empty"),
            put(developer, "{\"content\":\"x\"}", "\"abc\"", "s"),
            put(developer, "{\"content\":\"x\",\"expectedVersion\":-1}", null, "s"),
            as(developer).queryParam("namespace", "no spaces").get(memoryPath("s")),
            as(developer)
                .queryParam("asOfRun", "nope")
                .queryParam("asOfSeq", 1)
                .get("/v1/agents/" + agent + "/memory"),
            as(developer).queryParam("asOf", "yesterday").get("/v1/agents/" + agent + "/memory"),
            as(developer).queryParam("asOfSeq", 1).get("/v1/agents/" + agent + "/memory"),
            as(developer).get("/v1/agents/" + agent + "/memory/search"),
            as(developer)
                .queryParam("q", "x")
                .queryParam("mode", "magic")
                .get("/v1/agents/" + agent + "/memory/search"),
            as(developer).get("/v1/agents/NOT_AN_AGENT/memory"))) {
      bad.then().statusCode(400).contentType("application/problem+json");
    }
    as(auditor)
        .contentType("application/json")
        .body("{\"content\":\"x\",\"expectedVersion\":0}")
        .put(memoryPath("t"))
        .then()
        .statusCode(403);
  }

  private List<String> listKeys(boolean deleted) {
    return as(auditor)
        .queryParam("deleted", deleted)
        .get("/v1/agents/" + agent + "/memory")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.key", String.class);
  }
}
