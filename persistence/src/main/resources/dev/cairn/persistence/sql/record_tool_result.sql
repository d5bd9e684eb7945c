-- Records a tool's result in the step's transaction (inserting the row for read-only tools,
-- which record no intent).
-- Parameters: 1 run_id, 2 seq, 3 tenant_id, 4 tool_call_id, 5 tool_name, 6 side_effect,
-- 7 idempotency_key, 8 arguments, 9 result, 10 is_error, 11 lease_epoch, 12 intent_at, 13 completed_at
INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,
                             idempotency_key, arguments, status, result, is_error, lease_epoch,
                             intent_at, completed_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'DONE', ?, ?, ?, ?, ?)
ON CONFLICT (run_id, seq) DO UPDATE
   SET status = 'DONE',
       result = EXCLUDED.result,
       is_error = EXCLUDED.is_error,
       lease_epoch = EXCLUDED.lease_epoch,
       completed_at = EXCLUDED.completed_at
