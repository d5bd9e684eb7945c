-- One command of a run. Parameters: 1 run id, 2 command id
SELECT id, run_id, seq, kind, state, payload::text, actor, created_at, applied_at, outcome,
       request_hash
  FROM operator_command
 WHERE run_id = ?
   AND id = ?
