-- A page of a run's approval records in (step seq, id) order, after a (seq, id) position.
-- Parameters: 1 run id, 2 after seq, 3 after seq, 4 after id, 5 limit
SELECT id, seq, tool_call_id, tool_name, arguments_hash, state, requested_at, decided_by,
       decided_at, reason, used_seq
  FROM tool_approval
 WHERE run_id = ?
   AND (seq > ? OR (seq = ? AND id > ?))
 ORDER BY seq, id
 LIMIT ?
