-- NEGATIVE CONTROL ONLY (cairn.unsafe.disable-fencing=true): commit_run.sql without the lease fence,
-- so tests can prove they detect writes by a replica that lost its lease. Never use in production.
-- Parameters: 1 status, 2 wait_reason, 3 wake_at, 4 result, 5 error, 6 step_count, 7 model_calls,
-- 8 tool_calls, 9 input_tokens, 10 output_tokens, 11 invalid_tool_calls, 12 retry_attempt,
-- 13 pending_tool_calls, 14 last_hash, 15 keep_lease, 16 keep_lease, 17 lease expiry,
-- 18 updated_at, 19 finished_at, 20 id, 21 lease_owner, 22 lease_epoch
-- A kept lease is extended, so a busy run never depends on the heartbeat alone.
UPDATE agent_run
   SET status = ?,
       wait_reason = ?,
       wake_at = ?,
       result = ?::jsonb,
       error = ?::jsonb,
       step_count = ?,
       model_calls = ?,
       tool_calls = ?,
       input_tokens = ?,
       output_tokens = ?,
       invalid_tool_calls = ?,
       retry_attempt = ?,
       consecutive_recoveries = 0,
       pending_tool_calls = ?::jsonb,
       last_hash = ?,
       lease_owner = CASE WHEN ? THEN lease_owner ELSE NULL END,
       lease_expires_at = CASE WHEN ? THEN GREATEST(lease_expires_at, ?) ELSE NULL END,
       updated_at = ?,
       finished_at = ?,
       version = version + 1
 WHERE id = ?
   AND ?::text IS NOT NULL
   AND ?::bigint IS NOT NULL
