-- Takes a run for one pruning batch: its row lock, held to the end of the batch's transaction, so
-- replicas never prune the same run at once (another replica's locked run is skipped, not awaited).
-- Parameters: 1 run id
SELECT id
  FROM agent_run
 WHERE id = ?
   AND payloads_pruned_at IS NULL
   AND status IN ('COMPLETED', 'CANCELLED', 'BUDGET_EXCEEDED')
   FOR UPDATE SKIP LOCKED
