-- Commits one step in one statement, so a lone step costs one round trip: the fenced run update,
-- then, only when the fence held (every row below is selected FROM run), the step's messages,
-- tool result, outbox event and checkpoint. The update count is the checkpoint's: 1 means
-- committed, 0 means another replica owns the run and nothing was written.
-- A kept lease is extended, so a busy run never depends on the heartbeat alone. A run that goes
-- on under its lease keeps its wake_at (parameter 3 is null): the update then changes no indexed
-- column and Postgres can make it a HOT update (no new index entries, no index bloat).
-- Parameters, in order:
--   run: 1 status, 2 wait_reason, 3 wake_at, 4 result, 5 error, 6 step_count, 7 model_calls,
--     8 tool_calls, 9 input_tokens, 10 output_tokens, 11 invalid_tool_calls, 12 retry_attempt,
--     13 pending_tool_calls, 14 last_hash, 15 keep_lease, 16 keep_lease, 17 lease expiry,
--     18 updated_at, 19 finished_at, 20 id, 21 lease_owner, 22 lease_epoch
--   messages (parallel arrays): 23 created_at, 24 idx[], 25 seq[], 26 role[], 27 content[],
--     28 tool_calls[], 29 tool_call_id[], 30 tool_name[]
--   tool result: 31 seq, 32 tool_call_id, 33 tool_name, 34 side_effect, 35 idempotency_key,
--     36 arguments, 37 result, 38 is_error, 39 lease_epoch, 40 intent_at, 41 completed_at,
--     42 whether the step called a tool
--   outbox: 43 type, 44 payload, 45 created_at, 46 whether the step emits an event
--   checkpoint: 47 seq, 48 kind, 49 lease_owner, 50 lease_epoch, 51 decision, 52 outcome,
--     53 input_tokens, 54 output_tokens, 55 status_after, 56 state_after, 57 prev_hash, 58 hash,
--     59 created_at
WITH run AS (
UPDATE agent_run
   SET status = ?,
       wait_reason = ?,
       wake_at = COALESCE(?, wake_at),
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
   AND lease_owner = ?
   AND lease_epoch = ?
RETURNING id, tenant_id
), messages AS (
  INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, tool_calls, tool_call_id,
                           tool_name, created_at)
  SELECT run.id, m.idx, run.tenant_id, m.seq, m.role, m.content, m.tool_calls::jsonb,
         m.tool_call_id, m.tool_name, ?
    FROM run,
         unnest(?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
           AS m (idx, seq, role, content, tool_calls, tool_call_id, tool_name)
), tool_result AS (
  -- Inserts the row for read-only tools, which record no intent; completes the intent otherwise.
  INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,
                               idempotency_key, arguments, status, result, is_error, lease_epoch,
                               intent_at, completed_at)
  SELECT run.id, ?, run.tenant_id, ?, ?, ?, ?, ?::jsonb, 'DONE', ?, ?, ?, ?, ?
    FROM run
   WHERE ?
  ON CONFLICT (run_id, seq) DO UPDATE
     SET status = 'DONE',
         result = EXCLUDED.result,
         is_error = EXCLUDED.is_error,
         lease_epoch = EXCLUDED.lease_epoch,
         completed_at = EXCLUDED.completed_at
), outbox AS (
  INSERT INTO outbox_event (tenant_id, run_id, type, payload, created_at)
  SELECT run.tenant_id, run.id, ?, ?::jsonb, ?
    FROM run
   WHERE ?
)
INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch, decision, outcome,
                        input_tokens, output_tokens, status_after, state_after, prev_hash, hash,
                        created_at)
SELECT run.id, ?, run.tenant_id, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?
  FROM run
