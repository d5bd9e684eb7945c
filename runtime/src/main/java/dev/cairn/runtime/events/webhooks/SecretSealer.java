package dev.cairn.runtime.events.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals signing secrets for storage: AES-256-GCM under the configured key, bound to the
 * subscription (as associated data), so a sealed secret copied onto another row does not open.
 * Without a key, secrets are stored marked {@code plain:}; a key configured later seals new secrets
 * and still opens the plain ones.
 */
public final class SecretSealer {
  private static final String SEALED = "aesgcm1:";
  private static final String PLAIN = "plain:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretSealer(SecretKeySpec key) {
    this.key = key;
  }

  /**
   * A sealer with the configured key, or none.
   *
   * @param base64Key 32 bytes, base64 (standard or URL alphabet)
   * @return the sealer
   * @throws IllegalArgumentException when the key is not 32 bytes of base64
   */
  public static SecretSealer of(Optional<String> base64Key) {
    if (base64Key.isEmpty() || base64Key.get().isBlank()) {
      return new SecretSealer(null);
    }
    byte[] raw;
    try {
      String text = base64Key.get().strip();
      raw =
          text.contains("-") || text.contains("_")
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cairn.webhooks.secret-key is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("cairn.webhooks.secret-key must be 32 bytes (base64)");
    }
    return new SecretSealer(new SecretKeySpec(raw, "AES"));
  }

  /**
   * Whether secrets are sealed.
   *
   * @return true with a key
   */
  public boolean sealing() {
    return key != null;
  }

  /**
   * Seals a secret.
   *
   * @param secret the secret
   * @param context what it belongs to (the subscription id)
   * @return the stored form
   */
  public String seal(String secret, String context) {
    if (key == null) {
      return PLAIN + secret;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return SEALED + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a webhook secret", e);
    }
  }

  /**
   * Opens a stored secret.
   *
   * @param stored the stored form
   * @param context what it belongs to (the subscription id)
   * @return the secret
   * @throws IllegalStateException when it cannot be opened (no key, another key, tampered, or
   *     sealed for another subscription); the message never contains the secret
   */
  public String open(String stored, String context) {
    if (stored.startsWith(PLAIN)) {
      return stored.substring(PLAIN.length());
    }
    if (!stored.startsWith(SEALED)) {
      throw new IllegalStateException("unknown secret format");
    }
    if (key == null) {
      throw new IllegalStateException("secret is sealed but cairn.webhooks.secret-key is not set");
    }
    try {
      byte[] raw = Base64.getDecoder().decode(stored.substring(SEALED.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("secret cannot be opened with cairn.webhooks.secret-key");
    }
  }
}
