package dev.cairn.runtime.engine;

import dev.cairn.persistence.store.ToolCallRecord;
import java.util.UUID;

/** Records the intent of a tool call with side effects, under the run's lease fence. */
@FunctionalInterface
public interface IntentRecorder {
  /**
   * Records an intent in its own short transaction.
   *
   * @param runId the run
   * @param tenantId the run's tenant
   * @param seq the step the call belongs to
   * @param node the lease owner
   * @param epoch the lease epoch
   * @param intent the call
   * @return true if recorded, false if the lease was lost
   */
  boolean record(
      UUID runId, String tenantId, int seq, String node, long epoch, ToolCallRecord intent);
}
