-- Tool intents without a result for a batch of claimed runs. Parameter: 1 run ids (uuid[])
SELECT run_id, seq, tool_call_id, tool_name, side_effect, idempotency_key, arguments, attempts
  FROM tool_invocation
 WHERE run_id = ANY (?)
   AND status = 'INTENT'
