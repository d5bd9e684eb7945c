package dev.cairn.runtime.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The one way tests send requests to the API, so credentials can be added in a single place. */
public final class Auth {
  private Auth() {}

  /**
   * Starts a request.
   *
   * @return a request specification (without credentials for now)
   */
  public static RequestSpecification given() {
    return RestAssured.given();
  }
}
