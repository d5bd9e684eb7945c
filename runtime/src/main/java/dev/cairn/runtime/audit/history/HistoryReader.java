package dev.cairn.runtime.audit.history;

import dev.cairn.persistence.store.ApprovalHistoryRow;
import dev.cairn.persistence.store.InterventionRow;
import dev.cairn.persistence.store.RunHistoryRow;
import dev.cairn.persistence.store.RunHistoryStore;
import dev.cairn.persistence.store.StepSummaryRow;
import dev.cairn.persistence.store.StoryRunRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a run's history for auditors. The {@code each*} walks read one batch of at most {@link
 * #BATCH} rows per short transaction (keyset on seq), hand every row to the sink, and only then
 * read the next batch: whatever the run's length, at most one batch is held, and no connection is
 * held while the sink writes.
 */
@ApplicationScoped
public class HistoryReader {
  /** Rows read per transaction by the walks. */
  public static final int BATCH = 200;

  private static final UUID NIL = new UUID(0, 0);
  private final RunHistoryStore store;

  /**
   * Creates the reader.
   *
   * @param store the history store
   */
  public HistoryReader(RunHistoryStore store) {
    this.store = store;
  }

  /**
   * Takes rows one at a time; may fail with an I/O error (a client that went away).
   *
   * @param <T> row type
   */
  @FunctionalInterface
  public interface Sink<T> {
    /**
     * Takes one row.
     *
     * @param row the row
     * @throws IOException when writing it fails
     */
    void accept(T row) throws IOException;
  }

  /**
   * A run of the tenant with its pinned definition version.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @return the run, or empty when the tenant has none with this id
   */
  public Optional<StoryRunRow> run(String tenantId, UUID runId) {
    return store.run(tenantId, runId);
  }

  /**
   * One page of whole checkpoints.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param afterSeq last seq seen
   * @param limit most rows
   * @return the rows, in seq order
   */
  public List<RunHistoryRow> page(String tenantId, UUID runId, int afterSeq, int limit) {
    return store.checkpoints(tenantId, runId, afterSeq, Integer.MAX_VALUE, limit);
  }

  /**
   * Walks whole checkpoints after {@code afterSeq} up to {@code upToSeq}, in seq order.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param afterSeq last seq not wanted
   * @param upToSeq last seq wanted
   * @param sink takes each row
   * @return rows walked
   * @throws IOException when the sink fails
   */
  public long eachCheckpoint(
      String tenantId, UUID runId, int afterSeq, int upToSeq, Sink<RunHistoryRow> sink)
      throws IOException {
    long walked = 0;
    int after = afterSeq;
    while (after < upToSeq) {
      List<RunHistoryRow> batch = store.checkpoints(tenantId, runId, after, upToSeq, BATCH);
      for (RunHistoryRow row : batch) {
        sink.accept(row);
      }
      walked += batch.size();
      if (batch.size() < BATCH) {
        break;
      }
      after = batch.getLast().seq();
    }
    return walked;
  }

  /**
   * Walks step summaries up to {@code upToSeq}, in seq order.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param upToSeq last seq wanted
   * @param sink takes each row
   * @return rows walked
   * @throws IOException when the sink fails
   */
  public long eachStep(String tenantId, UUID runId, int upToSeq, Sink<StepSummaryRow> sink)
      throws IOException {
    long walked = 0;
    int after = 0;
    while (after < upToSeq) {
      List<StepSummaryRow> batch = store.steps(tenantId, runId, after, upToSeq, BATCH);
      for (StepSummaryRow row : batch) {
        sink.accept(row);
      }
      walked += batch.size();
      if (batch.size() < BATCH) {
        break;
      }
      after = batch.getLast().seq();
    }
    return walked;
  }

  /**
   * Walks operator commands up to {@code upToSeq}, in the order they were accepted.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param upToSeq last command seq wanted
   * @param sink takes each row
   * @return rows walked
   * @throws IOException when the sink fails
   */
  public long eachIntervention(
      String tenantId, UUID runId, long upToSeq, Sink<InterventionRow> sink) throws IOException {
    long walked = 0;
    long after = 0;
    while (after < upToSeq) {
      List<InterventionRow> batch = store.interventions(tenantId, runId, after, upToSeq, BATCH);
      for (InterventionRow row : batch) {
        sink.accept(row);
      }
      walked += batch.size();
      if (batch.size() < BATCH) {
        break;
      }
      after = batch.getLast().seq();
    }
    return walked;
  }

  /**
   * Walks approval records in (step seq, id) order.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param sink takes each row
   * @return rows walked
   * @throws IOException when the sink fails
   */
  public long eachApproval(String tenantId, UUID runId, Sink<ApprovalHistoryRow> sink)
      throws IOException {
    long walked = 0;
    int afterSeq = 0;
    UUID afterId = NIL;
    while (true) {
      List<ApprovalHistoryRow> batch = store.approvals(tenantId, runId, afterSeq, afterId, BATCH);
      for (ApprovalHistoryRow row : batch) {
        sink.accept(row);
      }
      walked += batch.size();
      if (batch.size() < BATCH) {
        return walked;
      }
      afterSeq = batch.getLast().seq();
      afterId = batch.getLast().id();
    }
  }
}
