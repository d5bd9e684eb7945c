package dev.cairn.runtime.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A presented API key, waiting for {@link ApiKeyIdentityProvider}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
  private final String presented;

  /**
   * Creates the request.
   *
   * @param presented the bearer value as presented
   */
  public ApiKeyAuthenticationRequest(String presented) {
    this.presented = presented;
  }

  /**
   * The bearer value as presented.
   *
   * @return the value; never log it
   */
  public String presented() {
    return presented;
  }
}
