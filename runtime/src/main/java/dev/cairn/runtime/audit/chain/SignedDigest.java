package dev.cairn.runtime.audit.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.engine.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A signed statement that a tenant's chain had this head at this time. The signature covers the RFC
 * 8785 canonical JSON of {@link #statement()}, so anyone with the public key can check an exported
 * digest.
 *
 * @param tenant the tenant
 * @param periodStart the period it was written for
 * @param coversSeq the head's seq (0 before the first record)
 * @param headHash the head's hash
 * @param signedAt when it was signed
 * @param keyId the signing key's id
 * @param algorithm {@code Ed25519}
 * @param signature base64
 */
public record SignedDigest(
    String tenant,
    Instant periodStart,
    long coversSeq,
    String headHash,
    Instant signedAt,
    String keyId,
    String algorithm,
    String signature) {
  /** The statement format's version, part of what is signed. */
  public static final String VERSION = "cairn-audit-digest-v1";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * The canonical JSON that is signed: {@code {"algorithm","coversSeq","headHash","keyId",
   * "periodStart","signedAt","tenant","version"}} with times as ISO 8601 UTC with microseconds.
   *
   * @return the statement's canonical text
   */
  public String statement() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("version", VERSION);
    node.put("tenant", tenant);
    node.put("periodStart", time(periodStart));
    node.put("coversSeq", coversSeq);
    node.put("headHash", headHash);
    node.put("signedAt", time(signedAt));
    node.put("keyId", keyId);
    node.put("algorithm", algorithm);
    return CanonicalJson.encode(node);
  }

  /**
   * The statement's UTF-8 bytes.
   *
   * @return the bytes that are signed
   */
  public byte[] statementBytes() {
    return statement().getBytes(StandardCharsets.UTF_8);
  }

  private static String time(Instant instant) {
    return TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
  }
}
