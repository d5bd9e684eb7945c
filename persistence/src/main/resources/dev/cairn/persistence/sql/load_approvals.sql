-- Approvals of runs that are not used yet. Parameter: 1 run ids (uuid[])
SELECT run_id, id, seq, tool_call_id, tool_name, arguments_hash, state, reason
  FROM tool_approval
 WHERE run_id = ANY (?)
   AND state <> 'USED'
 ORDER BY run_id, requested_at, tool_call_id
