package dev.cairn.runtime.console;

import java.time.Instant;

/**
 * What a console session cookie carries, signed: no secret, only the key's id, re-checked on every
 * request.
 *
 * @param nonce random id of this session (binds the CSRF token)
 * @param keyId the API key that signed in
 * @param issuedAt sign-in time
 * @param lastSeen last request time (idle expiry)
 */
public record ConsoleSession(String nonce, String keyId, Instant issuedAt, Instant lastSeen) {
  /**
   * The same session seen again now.
   *
   * @param now the time
   * @return the refreshed session
   */
  public ConsoleSession seenAt(Instant now) {
    return new ConsoleSession(nonce, keyId, issuedAt, now);
  }
}
