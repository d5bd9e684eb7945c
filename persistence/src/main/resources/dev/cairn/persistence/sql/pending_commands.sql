-- A run's commands the engine has not applied yet, in the order they were accepted.
-- Parameters: 1 run id
SELECT id, run_id, seq, kind, state, payload::text, actor, created_at, applied_at, outcome,
       request_hash
  FROM operator_command
 WHERE run_id = ?
   AND state = 'PENDING'
 ORDER BY seq
