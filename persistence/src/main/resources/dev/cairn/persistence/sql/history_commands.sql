-- A page of a run's operator commands in the order they were accepted.
-- Parameters: 1 run id, 2 after seq, 3 up to seq, 4 limit
SELECT seq, kind, actor, payload::text, state, outcome, applied_seq, created_at, applied_at
  FROM operator_command
 WHERE run_id = ?
   AND seq > ?
   AND seq <= ?
 ORDER BY seq
 LIMIT ?
