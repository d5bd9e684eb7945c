package dev.cairn.runtime.audit.checkpoints;

import dev.cairn.persistence.store.ChainRow;
import dev.cairn.persistence.store.CheckpointChainStore;
import dev.cairn.persistence.store.CheckpointChainStore.RunHead;
import dev.cairn.runtime.engine.CheckpointHash;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Verifies a run's checkpoint chain: recomputes every checkpoint's hash from its stored columns,
 * checks each link to the previous hash, that seqs are contiguous, and that the chain ends where
 * the run says it does, and that the hashes the tenant's audit log recorded at the run's status
 * changes (a chain signed outside the database) are the chain's. Reads a page at a time, so a run
 * of any length verifies in constant memory. Stops at the first break and says why.
 */
@ApplicationScoped
public class CheckpointVerifier {
  /** Checkpoints read per round trip. */
  static final int PAGE = 1_000;

  /** Most audit anchors (status changes) checked per run, the newest. */
  static final int ANCHORS = 1_000;

  private final CheckpointChainStore store;

  /**
   * Creates the verifier.
   *
   * @param store the chain reader
   */
  public CheckpointVerifier(CheckpointChainStore store) {
    this.store = store;
  }

  /**
   * Verifies a run.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @return the verdict, or empty for an unknown run (or another tenant's)
   */
  public Optional<CheckpointVerification> verify(String tenantId, UUID runId) {
    long started = System.nanoTime();
    Optional<RunHead> head = store.head(tenantId, runId);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Walk walk = new Walk(tenantId, runId, store.anchors(tenantId, runId, ANCHORS));
    int after = 0;
    while (walk.brokenSeq == null) {
      List<ChainRow> page = store.page(tenantId, runId, after, PAGE);
      for (ChainRow row : page) {
        walk.accept(row);
        if (walk.brokenSeq != null) {
          break;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.getLast().seq();
    }
    if (walk.brokenSeq == null) {
      walk.finish(head.get());
    }
    return Optional.of(walk.verdict((System.nanoTime() - started) / 1_000_000));
  }

  /** The state of one verification as it walks the chain. */
  private final class Walk {
    private final String tenantId;
    private final UUID runId;
    private final Map<Integer, String> anchors;
    private int expected = 1;
    private String previousHash;
    private int checkpoints;
    private int verified;
    private int legacy;
    private int pruned;
    private Integer brokenSeq;
    private BreakReason reason;
    private String detail;

    Walk(String tenantId, UUID runId, Map<Integer, String> anchors) {
      this.tenantId = tenantId;
      this.runId = runId;
      this.anchors = anchors;
    }

    void accept(ChainRow row) {
      if (row.seq() != expected) {
        fail(
            expected,
            BreakReason.ROW_MISSING,
            "no checkpoint at seq " + expected + "; the next one stored is seq " + row.seq());
        return;
      }
      checkpoints++;
      if (row.prunedAt() != null) {
        pruned++;
      }
      if (CheckpointHash.LEGACY.equals(row.hashAlg())) {
        legacy++;
        if (!linked(row)) {
          brokenLink(row);
          return;
        }
      } else if (CheckpointHash.ALGORITHM.equals(row.hashAlg())) {
        if (!ChainRows.recompute(runId, row).equals(row.hash())) {
          changedOrMoved(row);
          return;
        }
        if (!linked(row)) {
          brokenLink(row);
          return;
        }
        String anchored = anchors.get(row.seq());
        if (anchored != null && !anchored.equals(row.hash())) {
          fail(
              row.seq(),
              BreakReason.AUDIT_MISMATCH,
              "the audit log recorded another hash for seq "
                  + row.seq()
                  + " when the run's status changed: the checkpoints were rewritten and re-hashed");
          return;
        }
        verified++;
      } else {
        fail(
            row.seq(),
            BreakReason.UNKNOWN_ALGORITHM,
            "unknown hash algorithm '" + abbreviate(row.hashAlg()) + "'");
        return;
      }
      previousHash = row.hash();
      expected++;
    }

    void finish(RunHead head) {
      int last = expected - 1;
      if (head.stepCount() > last) {
        fail(
            last + 1,
            BreakReason.TAIL_TRUNCATED,
            "the run has " + head.stepCount() + " steps but its checkpoints end at seq " + last);
      } else if (head.stepCount() < last) {
        fail(
            head.stepCount() + 1,
            BreakReason.CONTENT_CHANGED,
            "checkpoints go on past the run's " + head.stepCount() + " steps");
      } else if (!Objects.equals(head.lastHash(), previousHash)) {
        fail(
            last,
            BreakReason.CONTENT_CHANGED,
            "the run records another hash for its last checkpoint");
      }
    }

    private boolean linked(ChainRow row) {
      return Objects.equals(row.prevHash(), previousHash);
    }

    /** The row's own hash does not match: edited in place, or moved to another seq. */
    private void changedOrMoved(ChainRow row) {
      OptionalInt writtenAfter = seqOf(row.prevHash());
      if (writtenAfter.isPresent() && writtenAfter.getAsInt() != row.seq() - 1) {
        fail(
            row.seq(),
            BreakReason.ROWS_REORDERED,
            "the checkpoint at seq "
                + row.seq()
                + " was written as seq "
                + (writtenAfter.getAsInt() + 1));
      } else {
        fail(
            row.seq(),
            BreakReason.CONTENT_CHANGED,
            "the stored hash does not match the checkpoint's content");
      }
    }

    /** The row is consistent with itself but does not link to the previous checkpoint. */
    private void brokenLink(ChainRow row) {
      OptionalInt writtenAfter = seqOf(row.prevHash());
      if (writtenAfter.isPresent() && writtenAfter.getAsInt() != row.seq() - 1) {
        fail(
            row.seq(),
            BreakReason.ROWS_REORDERED,
            "the checkpoint at seq "
                + row.seq()
                + " was written after seq "
                + writtenAfter.getAsInt());
      } else if (row.seq() == 1) {
        fail(1, BreakReason.CONTENT_CHANGED, "the first checkpoint links to a previous hash");
      } else {
        fail(
            row.seq() - 1,
            BreakReason.CONTENT_CHANGED,
            "the checkpoint at seq "
                + (row.seq() - 1)
                + " was rewritten: seq "
                + row.seq()
                + " links to another hash");
      }
    }

    private OptionalInt seqOf(String hash) {
      return hash == null ? OptionalInt.empty() : store.seqOfHash(tenantId, runId, hash);
    }

    private void fail(int seq, BreakReason why, String text) {
      brokenSeq = seq;
      reason = why;
      detail = text;
    }

    CheckpointVerification verdict(long elapsedMillis) {
      String status =
          brokenSeq != null
              ? CheckpointVerification.BROKEN
              : legacy > 0 ? CheckpointVerification.UNVERIFIABLE : CheckpointVerification.INTACT;
      return new CheckpointVerification(
          runId,
          status,
          checkpoints,
          verified,
          legacy,
          pruned,
          brokenSeq,
          reason,
          detail,
          brokenSeq == null ? previousHash : null,
          elapsedMillis);
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
