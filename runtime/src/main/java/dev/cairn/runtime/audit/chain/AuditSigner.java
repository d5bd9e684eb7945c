package dev.cairn.runtime.audit.chain;

import dev.cairn.runtime.config.CairnConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.jboss.logging.Logger;

/**
 * Signs audit digests with the replica's Ed25519 key, kept in a file outside the database: the one
 * named by {@code cairn.audit.signing-key-file}, or {@code <cairn.home>/audit-signing-key.pem}.
 * When the file does not exist, a key is generated there on first start (owner-only permissions);
 * the key itself is never logged, only its id.
 */
@Startup
@ApplicationScoped
public class AuditSigner {
  private static final Logger LOG = Logger.getLogger(AuditSigner.class);
  private static final String PRIVATE_PEM = "PRIVATE KEY";

  private final KeyPair keys;
  private final String keyId;

  /**
   * Loads or creates the key.
   *
   * @param audit audit settings
   * @param cairn general settings (the home directory)
   */
  public AuditSigner(AuditConfig audit, CairnConfig cairn) {
    Path file =
        audit.signingKeyFile().map(Path::of).orElse(Path.of(cairn.home(), "audit-signing-key.pem"));
    this.keys = loadOrCreate(file);
    this.keyId = Ed25519.keyId(keys.getPublic());
    LOG.infof("audit digests are signed with key %s (file %s)", keyId, file);
  }

  /**
   * The signing key's id: SHA-256 of its public key's X.509 encoding, hex.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * The public key, to verify digests.
   *
   * @return the public key
   */
  public PublicKey publicKey() {
    return keys.getPublic();
  }

  /**
   * The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}).
   *
   * @return the PEM text
   */
  public String publicKeyPem() {
    return Ed25519.pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  /**
   * Signs a statement.
   *
   * @param statement the bytes to sign
   * @return the signature, base64
   */
  public String sign(byte[] statement) {
    return Ed25519.sign(keys.getPrivate(), statement);
  }

  private static KeyPair loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      return Ed25519.fromPrivateKey(Ed25519.unpem(PRIVATE_PEM, pem));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit signing key " + file, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the audit signing key " + file + " is not an Ed25519 PKCS#8 PEM key", e);
    }
  }

  private static void create(Path file) throws IOException {
    KeyPair generated = Ed25519.generate();
    String pem = Ed25519.pem(PRIVATE_PEM, generated.getPrivate().getEncoded());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      LOG.infof("generated an audit signing key in %s; keep a copy of it", file);
    } catch (FileAlreadyExistsException e) {
      // Another replica (or process) created it first: use theirs.
    }
  }
}
