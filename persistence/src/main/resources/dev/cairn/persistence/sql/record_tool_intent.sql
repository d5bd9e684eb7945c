-- Records the intent to call a tool with side effects, only while the lease is held.
-- A repeated intent (recovery of an idempotent call) counts one more attempt.
-- Parameters: 1 run_id, 2 seq, 3 tenant_id, 4 tool_call_id, 5 tool_name, 6 side_effect,
-- 7 idempotency_key, 8 arguments, 9 lease_epoch, 10 intent_at, 11 run_id, 12 lease_owner, 13 lease_epoch
INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,
                             idempotency_key, arguments, status, lease_epoch, intent_at)
SELECT ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'INTENT', ?, ?
 WHERE EXISTS (SELECT 1 FROM agent_run WHERE id = ? AND lease_owner = ? AND lease_epoch = ?)
ON CONFLICT (run_id, seq) DO UPDATE
   SET attempts = tool_invocation.attempts + 1,
       lease_epoch = EXCLUDED.lease_epoch
 WHERE tool_invocation.status = 'INTENT'
