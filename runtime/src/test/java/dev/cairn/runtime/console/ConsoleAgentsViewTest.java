package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agents view: the tenant's definitions by name, an agent's versions newest first, a version's
 * spec as escaped text, compare, 404s, paging, tenant isolation and the roles that may read it.
 */
@QuarkusTest
class ConsoleAgentsViewTest {
  private static final Pattern AGENT_ROW = Pattern.compile("data-agent=\"([^\"]+)\"");
  private static final Pattern VERSION_ROW = Pattern.compile("data-version=\"(\\d+)\"");
  private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

  private String tenant;
  private String developer;
  private String auditorSession;

  @BeforeEach
  void tenantWithKeys() {
    tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    auditorSession = ConsoleClient.signIn(Auth.newKey(tenant, "auditor"));
  }

  private String publish(String name, String systemPrompt) {
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","systemPrompt":"%s","model":{"provider":"scripted","name":"s","script":[{"text":"ok"}]}}"""
                .formatted(name, systemPrompt))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static String get(String session, String path, int status) {
    return given()
        .cookie(ConsoleSessions.COOKIE, session)
        .redirects()
        .follow(false)
        .get(path)
        .then()
        .statusCode(status)
        .extract()
        .asString();
  }

  private static List<String> all(Pattern pattern, String html) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void shouldListTheTenantsAgentsWithTheirLatestVersionAndNotAnotherTenants() {
    String a = publish(Names.agent(), "first");
    publish(a, "second");
    String b = publish(Names.agent(), "only");
    String otherTenant = Auth.newTenant();
    String otherDeveloper = Auth.newKey(otherTenant, "developer");
    String foreign = Auth.publishScripted(otherDeveloper, 0);

    String html = get(auditorSession, "/console/agents", 200);
    assertThat(all(AGENT_ROW, html))
        .containsExactlyElementsOf(List.of(a, b).stream().sorted().toList());
    assertThat(html).doesNotContain(foreign);
    String rowA = html.substring(html.indexOf("data-agent=\"" + a + "\""));
    rowA = rowA.substring(0, rowA.indexOf("</tr>"));
    assertThat(rowA)
        .contains("v2")
        .contains("scripted / s")
        .contains("key:" + developer.substring(6, 18));
    assertThat(html).contains("href=\"/console/agents\">Agents</a>");

    get(auditorSession, "/console/agents/" + foreign, 404);
  }

  @Test
  void shouldShowVersionsNewestFirstAndTheChosenVersionsSpecWithRunsLink() {
    String a = publish(Names.agent(), "prompt one");
    publish(a, "prompt two");
    publish(a, "prompt three");

    String latest = get(auditorSession, "/console/agents/" + a, 200);
    assertThat(all(VERSION_ROW, latest)).containsExactly("3", "2", "1");
    assertThat(latest).contains("prompt three").doesNotContain("prompt one");
    assertThat(latest).contains("href=\"/console/runs?agent=" + a + "\"");

    String first = get(auditorSession, "/console/agents/" + a + "?version=1", 200);
    assertThat(first)
        .contains("Spec of v1")
        .contains("&quot;systemPrompt&quot; : &quot;prompt one&quot;");
    assertThat(first).doesNotContain("prompt three");
    assertThat(first).containsPattern("data-version=\"1\" class=\"selected\"");

    String compared = get(auditorSession, "/console/agents/" + a + "?version=3&compare=1", 200);
    assertThat(compared).contains("prompt three").contains("prompt one").contains("differ");
    assertThat(compared).contains("data-testid=\"spec-compare\"");
  }

  @Test
  void shouldShowTheSpecAsEscapedTextNeverRaw() {
    String a = publish(Names.agent(), "<script>alert(1)</script> <img src=x onerror=alert(2)>");
    String html = get(auditorSession, "/console/agents/" + a, 200);
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(2)&gt;")
        .doesNotContain("<script>alert(1)</script>")
        .doesNotContain("<img src=x");
    Matcher pre =
        Pattern.compile("<pre class=\"payload spec\" data-testid=\"spec\">([^<]*)</pre>")
            .matcher(html);
    assertThat(pre.find()).as("the spec is one <pre> of text only").isTrue();
  }

  @Test
  void shouldAnswer404ForAnUnknownAgentOrVersionAnd400ForABadVersion() {
    String a = publish(Names.agent(), "p");
    String unknown = get(auditorSession, "/console/agents/no-such-agent-x", 404);
    assertThat(unknown)
        .contains("data-testid=\"problem\"")
        .contains("not-found")
        .contains("does not exist");
    assertThat(get(auditorSession, "/console/agents/" + a + "?version=7", 404))
        .contains("version 7 does not exist");
    assertThat(get(auditorSession, "/console/agents/" + a + "?version=1&compare=9", 404))
        .contains("version 9 does not exist");
    assertThat(get(auditorSession, "/console/agents/" + a + "?version=abc", 400))
        .contains("validation");
  }

  @Test
  void shouldPageAgentsByNameAndVersionsNewestFirst() {
    String prefix = "pg" + Names.agent().substring(6);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      names.add(publish(prefix + "-%02d".formatted(i), "p"));
    }
    String a = names.getFirst();
    for (int i = 2; i <= 53; i++) {
      publish(a, "p" + i);
    }

    List<String> seen = new ArrayList<>();
    String path = "/console/agents";
    int pages = 0;
    while (path != null) {
      String html = get(auditorSession, path, 200);
      List<String> rows = all(AGENT_ROW, html);
      assertThat(rows.size()).isLessThanOrEqualTo(50);
      seen.addAll(rows);
      List<String> next = all(NEXT, html);
      path = next.isEmpty() ? null : next.getFirst().replace("&amp;", "&");
      pages++;
    }
    assertThat(pages).isEqualTo(2);
    assertThat(seen).containsExactlyElementsOf(names);

    List<String> versions = new ArrayList<>();
    path = "/console/agents/" + a;
    pages = 0;
    while (path != null) {
      String html = get(auditorSession, path, 200);
      versions.addAll(all(VERSION_ROW, html));
      List<String> next = all(NEXT, html);
      path = next.isEmpty() ? null : next.getFirst().replace("&amp;", "&");
      pages++;
    }
    assertThat(pages).isEqualTo(2);
    List<String> expected = new ArrayList<>();
    for (int v = 53; v >= 1; v--) {
      expected.add(Integer.toString(v));
    }
    assertThat(versions).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldOpenToTheRolesThatMayReadAgentsOnly() {
    String a = publish(Names.agent(), "p");
    for (String role : List.of("developer", "operator", "auditor")) {
      String session = ConsoleClient.signIn(Auth.newKey(tenant, role));
      assertThat(get(session, "/console/agents/" + a, 200)).contains(a);
      assertThat(get(session, "/console/runs", 200)).contains("href=\"/console/agents\"");
    }
    String admin = ConsoleClient.signIn(Auth.newKey(tenant, "admin"));
    assertThat(get(admin, "/console/agents", 403)).contains("forbidden");
    get(admin, "/console/agents/" + a, 403);
    assertThat(get(admin, "/console/runs", 200)).doesNotContain("href=\"/console/agents\"");
    given().redirects().follow(false).get("/console/agents").then().statusCode(303);
  }
}
