-- A run's input messages (those of seq 0), in order. Parameters: 1 run id, 2 most rows
SELECT idx, seq, role, content, tool_calls::text, tool_call_id, tool_name
  FROM run_message
 WHERE run_id = ?
   AND seq = 0
 ORDER BY idx
 LIMIT ?
