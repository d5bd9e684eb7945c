package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in to the console over HTTP and reads a page's CSRF token, for tests. */
final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private ConsoleClient() {}

  /** Signs in with a key and returns the session cookie's value. */
  static String signIn(String apiKey) {
    Response response =
        given()
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .formParam("apiKey", apiKey)
            .post("/console/sign-in");
    response.then().statusCode(303);
    return response.getCookie(ConsoleSessions.COOKIE);
  }

  /** The CSRF token in the forms of a page. */
  static String csrf(String session, String path) {
    String html =
        given()
            .cookie(ConsoleSessions.COOKIE, session)
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + path);
    }
    return m.group(1);
  }
}
