package dev.cairn.runtime.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Ed25519 with the JDK's provider: keys, PEM, signatures, key ids. */
public final class Ed25519 {
  private static final String ALGORITHM = "Ed25519";

  private Ed25519() {}

  /**
   * A new key pair.
   *
   * @return the pair
   */
  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from the JDK", e);
    }
  }

  /**
   * The key pair of a PKCS#8 private key. The JDK does not derive an Ed25519 public key from a
   * private one, so the pair is generated again from the private key's 32 bytes (an Ed25519 private
   * key is exactly the generator's random input) and checked to hold the same key.
   *
   * @param pkcs8 the private key, DER
   * @return the pair
   * @throws GeneralSecurityException when the bytes are not an Ed25519 private key
   */
  static KeyPair fromPrivateKey(byte[] pkcs8) throws GeneralSecurityException {
    PrivateKey loaded =
        KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    byte[] seed =
        ((EdECPrivateKey) loaded)
            .getBytes()
            .orElseThrow(() -> new GeneralSecurityException("no private key bytes"));
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
    generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
    KeyPair pair = generator.generateKeyPair();
    byte[] again = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
    if (!Arrays.equals(seed, again)) {
      throw new GeneralSecurityException("could not derive the public key");
    }
    return new KeyPair(pair.getPublic(), loaded);
  }

  /**
   * Reads an X.509 (SubjectPublicKeyInfo) public key.
   *
   * @param x509 DER bytes
   * @return the key
   * @throws GeneralSecurityException when the bytes are not an Ed25519 public key
   */
  public static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
  }

  /**
   * A public key's id: SHA-256 of its X.509 encoding, hex.
   *
   * @param key the key
   * @return 64 hex digits
   */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /**
   * Signs bytes.
   *
   * @param key the private key
   * @param message the bytes
   * @return the signature, base64
   */
  static String sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(message);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an audit digest", e);
    }
  }

  /**
   * Checks a signature.
   *
   * @param key the public key
   * @param message the signed bytes
   * @param signature the signature, base64
   * @return true when it is the key's signature of the bytes
   */
  public static boolean verify(PublicKey key, byte[] message, String signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(message);
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * PEM text of DER bytes.
   *
   * @param type e.g. {@code PUBLIC KEY}
   * @param der the bytes
   * @return the PEM text
   */
  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /**
   * DER bytes of PEM text.
   *
   * @param type the expected type
   * @param pem the PEM text
   * @return the bytes
   */
  public static byte[] unpem(String type, String pem) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("not a PEM " + type);
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }

  /** A random source that yields fixed bytes: the private key to derive a pair from. */
  private static final class FixedBytes extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("unexpected key length " + out.length);
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
