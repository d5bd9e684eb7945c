-- A run's approval records in the order they were requested (at most :limit).
-- Parameters: 1 run id, 2 limit
SELECT id, run_id, seq, tool_call_id, tool_name, arguments::text, arguments_hash, state,
       requested_at, decided_by, decided_at, reason
  FROM tool_approval
 WHERE run_id = ?
 ORDER BY requested_at, id
 LIMIT ?
