package dev.cairn.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The text form of an API key, {@code cairn_<id>_<secret>}: a fixed prefix secret scanners
 * recognise, a 12-character public id used for lookup, and a 43-character secret (about 256 bits)
 * of which only a SHA-256 is stored.
 *
 * @param id the public id
 * @param secret the secret
 */
public record ApiKeyToken(String id, String secret) {
  /** Every key starts with this. */
  public static final String PREFIX = "cairn_";

  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int ID_LENGTH = 12;
  private static final int SECRET_LENGTH = 43;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new random key.
   *
   * @return the key
   */
  public static ApiKeyToken generate() {
    return new ApiKeyToken(random(ID_ALPHABET, ID_LENGTH), random(SECRET_ALPHABET, SECRET_LENGTH));
  }

  /**
   * Parses a presented key; anything not of the exact form is refused.
   *
   * @param text the presented text
   * @return the key, or empty if malformed
   */
  public static Optional<ApiKeyToken> parse(String text) {
    if (text == null
        || text.length() != PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH
        || !text.startsWith(PREFIX)
        || text.charAt(PREFIX.length() + ID_LENGTH) != '_') {
      return Optional.empty();
    }
    String id = text.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    String secret = text.substring(PREFIX.length() + ID_LENGTH + 1);
    if (!only(id, ID_ALPHABET) || !only(secret, SECRET_ALPHABET)) {
      return Optional.empty();
    }
    return Optional.of(new ApiKeyToken(id, secret));
  }

  /**
   * Whether the text looks like an id (for path parameters).
   *
   * @param text the text
   * @return true if it has the id's form
   */
  public static boolean isId(String text) {
    return text != null && text.length() == ID_LENGTH && only(text, ID_ALPHABET);
  }

  /**
   * The full text, shown once at creation.
   *
   * @return {@code cairn_<id>_<secret>}
   */
  public String text() {
    return PREFIX + id + "_" + secret;
  }

  /**
   * The stored hash of the secret.
   *
   * @return SHA-256 of the secret
   */
  public byte[] secretHash() {
    return sha256(secret);
  }

  /**
   * Compares the secret with a stored hash in constant time.
   *
   * @param storedHash the stored hash
   * @return true if they match
   */
  public boolean matches(byte[] storedHash) {
    return MessageDigest.isEqual(secretHash(), storedHash);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "ApiKeyToken[id=" + id + ", secret=<hidden>]";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private static boolean only(String text, String alphabet) {
    for (int i = 0; i < text.length(); i++) {
      if (alphabet.indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
