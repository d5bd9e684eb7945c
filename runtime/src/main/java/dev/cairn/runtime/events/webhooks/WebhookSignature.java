package dev.cairn.runtime.events.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets and signatures. A secret is {@code whsec_} and 32 random bytes (base64url); the
 * HMAC key is the secret's text as shown, UTF-8. A delivery carries {@code Cairn-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}.
 */
public final class WebhookSignature {
  /** Prefix of every signing secret. */
  public static final String SECRET_PREFIX = "whsec_";

  /** The signature header. */
  public static final String HEADER = "Cairn-Signature";

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /**
   * A new signing secret.
   *
   * @return {@code whsec_} and 43 base64url characters
   */
  public static String newSecret() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /**
   * The signature header's value for a body sent at a time.
   *
   * @param secret the subscription's secret
   * @param timestamp seconds since the epoch, when the attempt is made
   * @param body the exact body sent
   * @return {@code t=...,v1=...}
   */
  public static String header(String secret, long timestamp, String body) {
    return "t=" + timestamp + ",v1=" + hmacHex(secret, timestamp + "." + body);
  }

  private static String hmacHex(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
