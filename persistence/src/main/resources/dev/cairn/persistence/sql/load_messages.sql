-- Conversations of a batch of claimed runs, in order. Parameter: 1 run ids (uuid[])
SELECT run_id, idx, seq, role, content, tool_calls, tool_call_id, tool_name
  FROM run_message
 WHERE run_id = ANY (?)
 ORDER BY run_id, idx
