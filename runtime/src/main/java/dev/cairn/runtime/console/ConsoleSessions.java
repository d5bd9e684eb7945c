package dev.cairn.runtime.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Stateless console sessions: an HMAC-SHA256-signed cookie value carrying a random nonce, the key
 * id and two times, checked against the absolute and idle limits. The CSRF token is an HMAC of the
 * nonce, so it is bound to the session and needs no storage either.
 */
@ApplicationScoped
public class ConsoleSessions {
  /** The cookie's name. */
  public static final String COOKIE = "cairn_console";

  private static final Logger LOG = Logger.getLogger(ConsoleSessions.class);
  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConsoleConfig config;
  private final Clock clock;
  private final byte[] key;

  /**
   * Creates the service.
   *
   * @param config console settings
   * @param clock clock
   */
  public ConsoleSessions(ConsoleConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.key = signingKey(config);
  }

  private static byte[] signingKey(ConsoleConfig config) {
    if (config.sessionSecret().isPresent()) {
      String secret = config.sessionSecret().get();
      if (secret.length() < 32) {
        throw new IllegalStateException("cairn.console.session-secret needs 32 characters or more");
      }
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    LOG.info(
        "cairn.console.session-secret is not set: console sessions are valid on this replica"
            + " only and end when it restarts");
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return random;
  }

  /**
   * A new session for a key that just proved its secret.
   *
   * @param keyId the key id
   * @return the session
   */
  public ConsoleSession open(String keyId) {
    byte[] nonce = new byte[18];
    RANDOM.nextBytes(nonce);
    Instant now = clock.instant();
    return new ConsoleSession(B64.encodeToString(nonce), keyId, now, now);
  }

  /**
   * The signed cookie value of a session.
   *
   * @param session the session
   * @return the value
   */
  public String encode(ConsoleSession session) {
    String payload =
        String.join(
            "|",
            VERSION,
            session.nonce(),
            session.keyId(),
            Long.toString(session.issuedAt().getEpochSecond()),
            Long.toString(session.lastSeen().getEpochSecond()));
    String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(mac("session|" + body));
  }

  /**
   * The session a cookie value stands for, if its signature holds and it has not expired.
   *
   * @param value the cookie value, or null
   * @return the session
   */
  public Optional<ConsoleSession> decode(String value) {
    if (value == null || value.length() > 400) {
      return Optional.empty();
    }
    int dot = value.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String body = value.substring(0, dot);
    try {
      byte[] signature = B64D.decode(value.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, mac("session|" + body))) {
        return Optional.empty();
      }
      String[] parts = new String(B64D.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length != 5 || !VERSION.equals(parts[0])) {
        return Optional.empty();
      }
      ConsoleSession session =
          new ConsoleSession(
              parts[1],
              parts[2],
              Instant.ofEpochSecond(Long.parseLong(parts[3])),
              Instant.ofEpochSecond(Long.parseLong(parts[4])));
      return live(session) ? Optional.of(session) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private boolean live(ConsoleSession session) {
    Instant now = clock.instant();
    return now.isBefore(session.issuedAt().plus(config.sessionTtl()))
        && now.isBefore(session.lastSeen().plus(config.idleTtl()));
  }

  /**
   * Whether a session's idle clock is worth moving forward (at most once a minute, to keep cookies
   * from being rewritten on every request).
   *
   * @param session the session
   * @return the refreshed session, or empty when it is fresh enough
   */
  public Optional<ConsoleSession> refresh(ConsoleSession session) {
    Instant now = clock.instant();
    if (session.lastSeen().plusSeconds(60).isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(session.seenAt(now));
  }

  /**
   * The CSRF token of a session.
   *
   * @param session the session
   * @return the token
   */
  public String csrfToken(ConsoleSession session) {
    return B64.encodeToString(mac("csrf|" + session.nonce()));
  }

  /**
   * Whether a presented token is the session's CSRF token (compared in constant time).
   *
   * @param session the session
   * @param presented the form's token, or null
   * @return true if it matches
   */
  public boolean csrfMatches(ConsoleSession session, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        csrfToken(session).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The absolute lifetime, for the cookie's Max-Age.
   *
   * @return seconds
   */
  public long maxAgeSeconds() {
    return config.sessionTtl().toSeconds();
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
