package dev.cairn.runtime.audit.fork;

import dev.cairn.persistence.store.ChainRow;
import dev.cairn.persistence.store.CheckpointChainStore;
import dev.cairn.persistence.store.ForkStore;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.audit.checkpoints.ChainRows;
import dev.cairn.runtime.engine.CheckpointHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Two runs' steps side by side, seq by seq: typically a fork and its original from the fork point,
 * to compare what two models or two versions did in the same situation.
 */
@jakarta.enterprise.context.ApplicationScoped
public class SideBySide {
  /** Most rows of one page. */
  public static final int MAX_LIMIT = 200;

  private final CheckpointChainStore chains;
  private final ForkStore forks;

  /**
   * Creates the service.
   *
   * @param chains checkpoint reads
   * @param forks run origins
   */
  public SideBySide(CheckpointChainStore chains, ForkStore forks) {
    this.chains = chains;
    this.forks = forks;
  }

  /**
   * One seq of both runs.
   *
   * @param seq the seq
   * @param left the first run's checkpoint, or null when it has none at this seq
   * @param right the second run's checkpoint, or null
   * @param same whether both recorded the same decision and outcome
   */
  public record Row(int seq, ChainRow left, ChainRow right, boolean same) {}

  /**
   * A page of the comparison.
   *
   * @param left the first run
   * @param right the second run
   * @param fromSeq the first seq compared
   * @param rows the rows
   * @param nextFrom the seq to continue from, or null at the end of both runs
   */
  public record Page(UUID left, UUID right, int fromSeq, List<Row> rows, Integer nextFrom) {}

  /**
   * Compares two runs of the tenant.
   *
   * @param tenantId the caller's tenant
   * @param left the first run
   * @param right the second run
   * @param from the first seq, or null for the fork point when one run is a fork of the other (else
   *     1)
   * @param limit most seqs
   * @return the page
   */
  public Page compare(String tenantId, UUID left, UUID right, Integer from, int limit) {
    ForkStore.Source l =
        forks
            .source(tenantId, left)
            .orElseThrow(() -> CairnException.notFound("run " + left + " does not exist"));
    ForkStore.Source r =
        forks
            .source(tenantId, right)
            .orElseThrow(() -> CairnException.notFound("run " + right + " does not exist"));
    int start = from != null ? from : forkPoint(left, l, right, r);
    List<ChainRow> a = chains.page(tenantId, left, start - 1, limit);
    List<ChainRow> b = chains.page(tenantId, right, start - 1, limit);
    List<Row> rows = new ArrayList<>(limit);
    int ia = 0;
    int ib = 0;
    for (int seq = start; seq < start + limit && (ia < a.size() || ib < b.size()); seq++) {
      ChainRow x = ia < a.size() && a.get(ia).seq() == seq ? a.get(ia++) : null;
      ChainRow y = ib < b.size() && b.get(ib).seq() == seq ? b.get(ib++) : null;
      rows.add(new Row(seq, x, y, same(left, x, right, y)));
    }
    int last = start + rows.size() - 1;
    boolean more = last < Math.max(l.stepCount(), r.stepCount());
    return new Page(left, right, start, rows, more ? last + 1 : null);
  }

  private static int forkPoint(UUID left, ForkStore.Source l, UUID right, ForkStore.Source r) {
    if (right.equals(l.forkedFrom())) {
      return l.forkedAtSeq() + 1;
    }
    if (left.equals(r.forkedFrom())) {
      return r.forkedAtSeq() + 1;
    }
    return 1;
  }

  /** Same decision and outcome: their digests agree (payloads or the digests retention kept). */
  private static boolean same(UUID leftId, ChainRow x, UUID rightId, ChainRow y) {
    if (x == null || y == null) {
      return false;
    }
    CheckpointHash.Fields a = ChainRows.fields(leftId, x);
    CheckpointHash.Fields b = ChainRows.fields(rightId, y);
    return Objects.equals(a.kind(), b.kind())
        && Objects.equals(a.decisionSha256(), b.decisionSha256())
        && Objects.equals(a.outcomeSha256(), b.outcomeSha256());
  }
}
