package dev.cairn.runtime.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Version 1 of the audit link hash, the same function as {@code audit_hash} in migration V18: hex
 * SHA-256 of {@code "cairn-audit-v1\n" prev "\n" seq "\n"} followed by each of tenant, time, actor,
 * action, target type, target id and details as {@code <UTF-8 byte length>:<value>\n}. Anyone can
 * recompute it from an export of the records; no key is involved.
 */
public final class AuditHash {
  /** The hash every chain's first record links to. */
  public static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditHash() {}

  /**
   * The hash of one record.
   *
   * @param prevHash the previous record's hash
   * @param seq the record's position
   * @param tenant the tenant
   * @param at the time (truncated to microseconds, as stored)
   * @param actor who acted
   * @param action what was done
   * @param targetType kind of target
   * @param targetId target id
   * @param detailsText the details as Postgres renders the jsonb
   * @return 64 lower-case hex digits
   */
  public static String link(
      String prevHash,
      long seq,
      String tenant,
      Instant at,
      String actor,
      String action,
      String targetType,
      String targetId,
      String detailsText) {
    StringBuilder text = new StringBuilder(256);
    text.append("cairn-audit-v1\n").append(prevHash).append('\n').append(seq).append('\n');
    field(text, tenant);
    field(text, TIME.format(at.truncatedTo(ChronoUnit.MICROS)));
    field(text, actor);
    field(text, action);
    field(text, targetType);
    field(text, targetId);
    field(text, detailsText);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  private static void field(StringBuilder text, String value) {
    text.append(value.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(value)
        .append('\n');
  }
}
