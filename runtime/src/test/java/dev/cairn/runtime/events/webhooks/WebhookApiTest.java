package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The subscription API: what it refuses (internal targets, other schemes, unknown types, more
 * subscriptions than allowed), the secret shown once and sealed at rest, deletion, paging of
 * deliveries, and tenants that cannot see each other's subscriptions or deliveries.
 */
@QuarkusTest
class WebhookApiTest {
  private static final String PROBLEM = "application/problem+json";

  @Inject DataSource dataSource;

  @Test
  void shouldRefuseInternalTargetsWithAProblemNamingTheUrlAndWriteNothing() {
    WebhookTenant tenant = new WebhookTenant();
    Db db = new Db(dataSource);
    // Tests allow 127.0.0.1/32 only (their receivers); everything else internal stays refused.
    Map<String, String> refused = new HashMap<>();
    refused.put("http://169.254.169.254/latest/meta-data/", "cloud metadata");
    refused.put("http://10.0.0.1/", "private");
    refused.put("http://192.168.1.20:8080/x", "private");
    refused.put("http://[::1]/", "loopback");
    refused.put("http://127.0.0.2/", "loopback");
    refused.put("http://0.0.0.0:8080/", "unspecified");
    refused.put("http://[fe80::1]/", "link-local");
    refused.put("http://[::ffff:169.254.169.254]/", "cloud metadata");
    refused.put("ftp://127.0.0.1/", "only http and https");
    refused.put("file:///etc/passwd", "only http and https");
    refused.put("http://user:pw@127.0.0.1/", "credentials");
    refused.put("not a url", "not a valid URL");
    refused.forEach(
        (url, why) ->
            tenant
                .as(tenant.admin)
                .body(Map.of("url", url))
                .post("/v1/webhooks")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString(why)));
    assertThat(db.count("SELECT count(*) FROM webhook_subscription WHERE tenant_id = ?", tenant.id))
        .isZero();
  }

  @Test
  void shouldRefuseUnknownEventTypesNamingEachAndTooManySubscriptions() {
    WebhookTenant tenant = new WebhookTenant();
    String url = "http://127.0.0.1:9/hook";
    tenant
        .as(tenant.admin)
        .body(Map.of("url", url, "types", List.of("run.completed", "run.exploded", "x")))
        .post("/v1/webhooks")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", equalTo(List.of("types[1]", "types[2]")));
    // Both spellings of a type; duplicates collapse.
    tenant
        .as(tenant.admin)
        .body(Map.of("url", url, "types", List.of("dev.cairn.run.failed", "run.failed")))
        .post("/v1/webhooks")
        .then()
        .statusCode(201)
        .body("types", equalTo(List.of("run.failed")));
    for (int i = 1; i < 25; i++) {
      tenant.as(tenant.admin).body(Map.of("url", url)).post("/v1/webhooks").then().statusCode(201);
    }
    tenant
        .as(tenant.admin)
        .body(Map.of("url", url))
        .post("/v1/webhooks")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("25"));
    // Deleting one makes room for one.
    String first = tenant.as(tenant.admin).get("/v1/webhooks").then().extract().path("items[0].id");
    tenant.as(tenant.admin).delete("/v1/webhooks/" + first).then().statusCode(204);
    tenant.as(tenant.admin).body(Map.of("url", url)).post("/v1/webhooks").then().statusCode(201);
  }

  @Test
  void shouldShowTheSecretOnceAndKeepItSealedAtRest() {
    WebhookTenant tenant = new WebhookTenant();
    JsonPath created =
        tenant
            .as(tenant.admin)
            .body(
                Map.of(
                    "url", "http://127.0.0.1:9/hook?x=1",
                    "types", List.of("run.completed"),
                    "description", "billing"))
            .post("/v1/webhooks")
            .then()
            .statusCode(201)
            .header("Location", containsString("/v1/webhooks/"))
            .body("createdBy", startsWith("key:"))
            .extract()
            .jsonPath();
    String id = created.getString("id");
    String secret = created.getString("secret");
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");

    for (String key : List.of(tenant.admin, tenant.operator, tenant.auditor)) {
      String one =
          tenant.as(key).get("/v1/webhooks/" + id).then().statusCode(200).extract().asString();
      String all = tenant.as(key).get("/v1/webhooks").then().statusCode(200).extract().asString();
      assertThat(one).doesNotContain(secret).doesNotContain("\"secret\"").contains("billing");
      assertThat(all).doesNotContain(secret).doesNotContain("\"secret\"").contains(id);
    }
    Db db = new Db(dataSource);
    assertThat(
            db.count(
                "SELECT count(*) FROM webhook_subscription WHERE id = ?::uuid"
                    + " AND secret LIKE 'aesgcm1:%' AND position(? IN secret) = 0",
                id, secret))
        .isEqualTo(1);
  }

  @Test
  void shouldDeleteASubscriptionAndHideItFromEveryRead() {
    WebhookTenant tenant = new WebhookTenant();
    var subscription = tenant.subscribe("http://127.0.0.1:9/hook", List.of());
    tenant.as(tenant.admin).delete("/v1/webhooks/" + subscription.id()).then().statusCode(204);
    tenant.as(tenant.admin).get("/v1/webhooks/" + subscription.id()).then().statusCode(404);
    tenant.as(tenant.admin).delete("/v1/webhooks/" + subscription.id()).then().statusCode(404);
    tenant
        .as(tenant.admin)
        .get("/v1/webhooks")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(subscription.id())));
  }

  @Test
  void shouldPageDeliveriesNewestFirstAndKeepTenantsApart() {
    WebhookTenant tenant = new WebhookTenant();
    WebhookTenant other = new WebhookTenant();
    var subscription = tenant.subscribe("http://127.0.0.1:9/hook", List.of());
    List<String> ids = new ArrayList<>();
    Db db = new Db(dataSource);
    for (int i = 0; i < 5; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id.toString());
      db.execute(
          "INSERT INTO webhook_delivery (id, tenant_id, subscription_id, run_id, seq, event_type,"
              + " agent_name, event_time, event_data, state, attempts, next_attempt_at, last_status,"
              + " last_error, created_at, dead_at) VALUES (?, ?, ?::uuid, gen_random_uuid(), 1,"
              + " 'run.failed', 'a', now(), '{}', 'DEAD', 3, now(), 502, 'HTTP 502',"
              + " now() - make_interval(secs => ?), now())",
          id,
          tenant.id,
          subscription.id(),
          (double) (10 - i));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = tenant.as(tenant.operator).queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page =
          request.get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(ids.reversed());
    tenant
        .as(tenant.operator)
        .queryParam("subscription", subscription.id())
        .get("/v1/webhooks/deliveries")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(5));

    // The other tenant sees none of it, and cannot act on it.
    other
        .as(other.operator)
        .get("/v1/webhooks/deliveries")
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()));
    other
        .as(other.operator)
        .post("/v1/webhooks/deliveries/" + ids.get(0) + "/redeliver")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    other.as(other.admin).get("/v1/webhooks/" + subscription.id()).then().statusCode(404);
    other.as(other.admin).delete("/v1/webhooks/" + subscription.id()).then().statusCode(404);
    assertThat(
            db.count(
                "SELECT count(*) FROM webhook_delivery WHERE tenant_id = ? AND state = 'DEAD'",
                tenant.id))
        .isEqualTo(5);
    assertThat(
            db.count(
                "SELECT count(*) FROM webhook_subscription WHERE id = ?::uuid"
                    + " AND deleted_at IS NULL",
                subscription.id()))
        .isEqualTo(1);

    tenant
        .as(tenant.operator)
        .queryParam("state", "BURIED")
        .get("/v1/webhooks/deliveries")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("state"));
    tenant
        .as(tenant.operator)
        .queryParam("cursor", "garbage")
        .get("/v1/webhooks/deliveries")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cursor"));
    tenant
        .as(tenant.operator)
        .queryParam("subscription", "nope")
        .get("/v1/webhooks/deliveries")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("subscription"));
  }
}
