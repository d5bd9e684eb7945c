package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The checkpoint hash, algorithm {@value #ALGORITHM}: SHA-256 over the RFC 8785 canonical JSON of
 * every column of a checkpoint that matters, chained by the previous checkpoint's hash.
 *
 * <p>The decision and the outcome enter as the SHA-256 of their own canonical JSON, so retention
 * can drop those payloads, keep their digests, and the chain still verifies. Everything is
 * recomputable from the stored row: {@code jsonb} reorders members and respells numbers, which the
 * canonical form ignores, and times are taken at the microsecond precision Postgres stores.
 *
 * <p>The hashed document is:
 *
 * <pre>
 * {"alg":"jcs-sha256/v1","runId":…,"seq":…,"tenantId":…,"kind":…,"actor":…,
 *  "leaseOwner":…,"leaseEpoch":…,"decisionSha256":…,"outcomeSha256":…,
 *  "inputTokens":…,"outputTokens":…,"costMicros":…,"statusAfter":…,"stateAfter":{…},
 *  "createdAt":"2026-12-03T12:00:00.123456Z","prevHash":…|null}
 * </pre>
 */
public final class CheckpointHash {
  /** The algorithm this class computes, stored in each checkpoint's {@code hash_alg}. */
  public static final String ALGORITHM = "jcs-sha256/v1";

  /** The algorithm recorded for checkpoints written before verifiable hashes existed. */
  public static final String LEGACY = "legacy";

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private CheckpointHash() {}

  /**
   * The columns a v1 checkpoint hash covers.
   *
   * @param runId the run
   * @param seq the step's seq
   * @param tenantId the run's tenant
   * @param kind the step kind
   * @param actor who caused the step
   * @param leaseOwner the node that held the lease
   * @param leaseEpoch the lease epoch
   * @param decisionSha256 SHA-256 of the canonical decision
   * @param outcomeSha256 SHA-256 of the canonical outcome
   * @param inputTokens input tokens of the step
   * @param outputTokens output tokens of the step
   * @param costMicros cost of the step in micro-dollars
   * @param statusAfter the run's status after the step
   * @param stateAfter the run's state after the step
   * @param createdAt the commit time (microsecond precision)
   * @param prevHash the previous checkpoint's hash, or null for the first
   */
  public record Fields(
      UUID runId,
      int seq,
      String tenantId,
      String kind,
      String actor,
      String leaseOwner,
      long leaseEpoch,
      String decisionSha256,
      String outcomeSha256,
      long inputTokens,
      long outputTokens,
      long costMicros,
      String statusAfter,
      JsonNode stateAfter,
      Instant createdAt,
      String prevHash) {}

  /**
   * The hash of a checkpoint.
   *
   * @param f its columns
   * @return 64 lower-case hex digits
   */
  public static String of(Fields f) {
    return CanonicalJson.sha256(document(f));
  }

  /**
   * The document the hash is taken over, for anyone who wants to see or recompute it.
   *
   * @param f the columns
   * @return the document
   */
  public static ObjectNode document(Fields f) {
    ObjectNode doc = Json.object();
    doc.put("alg", ALGORITHM);
    doc.put("runId", f.runId().toString());
    doc.put("seq", f.seq());
    doc.put("tenantId", f.tenantId());
    doc.put("kind", f.kind());
    doc.put("actor", f.actor());
    doc.put("leaseOwner", f.leaseOwner());
    doc.put("leaseEpoch", f.leaseEpoch());
    doc.put("decisionSha256", f.decisionSha256());
    doc.put("outcomeSha256", f.outcomeSha256());
    doc.put("inputTokens", f.inputTokens());
    doc.put("outputTokens", f.outputTokens());
    doc.put("costMicros", f.costMicros());
    doc.put("statusAfter", f.statusAfter());
    doc.set("stateAfter", f.stateAfter());
    doc.put("createdAt", time(f.createdAt()));
    doc.put("prevHash", f.prevHash());
    return doc;
  }

  /**
   * A time as the hash writes it: UTC, exactly six fraction digits.
   *
   * @param t the time
   * @return its text
   */
  public static String time(Instant t) {
    return MICROS.format(t.truncatedTo(ChronoUnit.MICROS));
  }
}
