-- Approval records of the tool calls a run now waits for, one per call, bound to the arguments'
-- hash. Parameters: 1 tenant_id, 2 run_id, 3 seq, 4 requested_at, then parallel arrays: 5 ids,
-- 6 tool_call_ids, 7 tool_names, 8 arguments (json text), 9 arguments hashes
INSERT INTO tool_approval (id, tenant_id, run_id, seq, tool_call_id, tool_name, arguments,
                           arguments_hash, state, requested_at)
SELECT a.id, ?, ?, ?, a.tool_call_id, a.tool_name, a.arguments::jsonb, a.arguments_hash,
       'PENDING', ?
  FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
         AS a (id, tool_call_id, tool_name, arguments, arguments_hash)
ON CONFLICT (run_id, tool_call_id, arguments_hash) DO NOTHING
