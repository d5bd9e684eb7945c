-- A page of a run's commands, newest first, before a seq. Parameters: 1 run id, 2 before seq,
-- 3 limit
SELECT id, run_id, seq, kind, state, payload::text, actor, created_at, applied_at, outcome,
       request_hash
  FROM operator_command
 WHERE run_id = ?
   AND seq < ?
 ORDER BY seq DESC
 LIMIT ?
