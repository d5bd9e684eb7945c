package dev.cairn.runtime.engine;

import dev.cairn.persistence.store.IntentResult;
import dev.cairn.persistence.store.ToolCallRecord;
import java.util.UUID;

/** Records the intent of a tool call with side effects, under the run's lease fence. */
@FunctionalInterface
public interface IntentRecorder {
  /** What became of an intent. */
  enum Result {
    /** Recorded (or one more attempt of an idempotent call counted): the call may run. */
    RECORDED,
    /** Another replica owns the run: the step is dropped. */
    LEASE_LOST,
    /** The call was started before and may not start again: the run needs reconciliation. */
    ALREADY_STARTED;

    /**
     * Maps the store's answer.
     *
     * @param result the store's answer
     * @return the engine's
     */
    public static Result of(IntentResult result) {
      return switch (result) {
        case RECORDED -> RECORDED;
        case LEASE_LOST -> LEASE_LOST;
        case ALREADY_STARTED -> ALREADY_STARTED;
      };
    }
  }

  /**
   * Records an intent in its own short transaction.
   *
   * @param runId the run
   * @param tenantId the run's tenant
   * @param seq the step the call belongs to
   * @param node the lease owner
   * @param epoch the lease epoch
   * @param intent the call
   * @return what became of the intent
   */
  Result record(
      UUID runId, String tenantId, int seq, String node, long epoch, ToolCallRecord intent);
}
