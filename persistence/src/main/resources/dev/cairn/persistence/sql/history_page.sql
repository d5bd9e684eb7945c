-- A page of a run's checkpoints in seq order (keyset on the primary key), each whole: payloads,
-- or their digests where retention pruned them. Parameters: 1 run id, 2 after seq, 3 up to seq,
-- 4 limit
SELECT seq, kind, created_at, actor, lease_owner, lease_epoch, decision::text, outcome::text,
       input_tokens, output_tokens, cost_micros, status_after, state_after::text, prev_hash, hash,
       hash_alg, decision_sha256, outcome_sha256, pruned_at
  FROM checkpoint
 WHERE run_id = ?
   AND seq > ?
   AND seq <= ?
 ORDER BY seq
 LIMIT ?
