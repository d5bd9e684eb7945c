package dev.cairn.runtime.audit.checkpoints;

import dev.cairn.persistence.store.ChainRow;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.CheckpointHash;
import dev.cairn.runtime.engine.Json;
import java.util.UUID;

/** Recomputes the hash of a stored checkpoint. */
public final class ChainRows {
  private ChainRows() {}

  /**
   * The columns of a stored row as the hash covers them: a payload enters as the digest of its
   * canonical JSON, or as the digest retention kept when it pruned the payload.
   *
   * @param runId the run
   * @param row the row
   * @return the hashed fields
   */
  public static CheckpointHash.Fields fields(UUID runId, ChainRow row) {
    return new CheckpointHash.Fields(
        runId,
        row.seq(),
        row.tenantId(),
        row.kind(),
        row.actor(),
        row.leaseOwner(),
        row.leaseEpoch(),
        digest(row.decisionJson(), row.decisionSha256()),
        digest(row.outcomeJson(), row.outcomeSha256()),
        row.inputTokens(),
        row.outputTokens(),
        row.costMicros(),
        row.statusAfter(),
        Json.parse(row.stateAfterJson()),
        row.createdAt(),
        row.prevHash());
  }

  /**
   * The hash the row should carry.
   *
   * @param runId the run
   * @param row the row
   * @return the recomputed hash
   */
  public static String recompute(UUID runId, ChainRow row) {
    return CheckpointHash.of(fields(runId, row));
  }

  private static String digest(String payloadJson, String keptDigest) {
    return payloadJson != null ? CanonicalJson.sha256(Json.parse(payloadJson)) : keptDigest;
  }
}
