-- A page of a run's checkpoints with every column the checkpoint hash covers, in seq order.
-- Parameters: 1 run id, 2 after seq, 3 limit.
SELECT seq, tenant_id, kind, actor, lease_owner, lease_epoch, decision, outcome, decision_sha256,
       outcome_sha256, input_tokens, output_tokens, cost_micros, status_after, state_after,
       prev_hash, hash, hash_alg, created_at, pruned_at
  FROM checkpoint
 WHERE run_id = ?
   AND seq > ?
 ORDER BY seq
 LIMIT ?
