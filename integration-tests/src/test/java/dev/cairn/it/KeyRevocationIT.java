package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key revoked on one replica is refused by every other replica within the key cache time ({@code
 * cairn.security.cache-ttl}, 2 s by default), and a disabled tenant likewise.
 */
class KeyRevocationIT {
  private static final String TEST = "KeyRevocationIT";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(String url, String method, String key, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static RuntimeProcess node(TestDatabase database, String id) {
    return new RuntimeProcess(
        new RuntimeProcess.Spec(
            TEST,
            id,
            database,
            "http://127.0.0.1:9/v1",
            "http://127.0.0.1:9/webhook",
            Map.of("CAIRN_DEMO_AGENT_ENABLED", "false")));
  }

  @Test
  void aKeyRevokedOnOneReplicaIsRefusedByTheOtherWithinTheCacheTime() throws Exception {
    TestDatabase database = TestDatabase.create();
    try (RuntimeProcess a = node(database, "node-a");
        RuntimeProcess b = node(database, "node-b")) {
      a.start();
      b.start();
      a.awaitReady();
      b.awaitReady();
      String admin = CairnClient.ADMIN_KEY;
      assertThat(
              send(a.baseUrl() + "/v1/tenants", "POST", admin, "{\"id\":\"revocation\"}")
                  .statusCode())
          .isEqualTo(201);
      HttpResponse<String> created =
          send(
              a.baseUrl() + "/v1/api-keys",
              "POST",
              admin,
              "{\"name\":\"roaming\",\"roles\":[\"auditor\"],\"tenant\":\"revocation\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      String key = created.body().replaceAll(".*\"key\":\"(cairn_[^\"]+)\".*", "$1");
      String id = key.substring(6, 18);
      // Warm b's cache with the valid key, then revoke it on a.
      assertThat(send(b.baseUrl() + "/v1/runs", "GET", key, null).statusCode()).isEqualTo(200);
      assertThat(
              send(a.baseUrl() + "/v1/api-keys/" + id + "?tenant=revocation", "DELETE", admin, null)
                  .statusCode())
          .isEqualTo(200);
      long revoked = System.nanoTime();
      assertThat(send(a.baseUrl() + "/v1/runs", "GET", key, null).statusCode())
          .as("the revoking replica refuses it at once")
          .isEqualTo(401);
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> send(b.baseUrl() + "/v1/runs", "GET", key, null).statusCode() == 401);
      long millis = (System.nanoTime() - revoked) / 1_000_000;
      System.out.println(
          TEST + ": the other replica refused the revoked key after " + millis + " ms");
      assertThat(millis).isLessThan(4_000);

      String developer =
          send(
                  a.baseUrl() + "/v1/api-keys",
                  "POST",
                  admin,
                  "{\"name\":\"dev\",\"roles\":[\"developer\"],\"tenant\":\"revocation\"}")
              .body()
              .replaceAll(".*\"key\":\"(cairn_[^\"]+)\".*", "$1");
      assertThat(send(b.baseUrl() + "/v1/runs", "GET", developer, null).statusCode())
          .isEqualTo(200);
      assertThat(
              send(a.baseUrl() + "/v1/tenants/revocation/disable", "POST", admin, null)
                  .statusCode())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> send(b.baseUrl() + "/v1/runs", "GET", developer, null).statusCode() == 403);
    } finally {
      database.close();
    }
  }
}
