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
--     13 pending_tool_calls, 14 last_hash, 15 attention, 16 cost_micros, 17 reserved_calls,
--     18 reserved_tokens, 19 reserved_cost_micros, 20 budget (null keeps it), 21 deadline_at (null
--     keeps it), 22 keep_lease, 23 keep_lease, 24 lease expiry, 25 updated_at, 26 finished_at,
--     27 id, 28 lease_owner, 29 lease_epoch
--   messages (parallel arrays): 30 created_at, 31 idx[], 32 seq[], 33 role[], 34 content[],
--     35 tool_calls[], 36 tool_call_id[], 37 tool_name[]
--   tool result: 38 seq, 39 tool_call_id, 40 tool_name, 41 side_effect, 42 idempotency_key,
--     43 arguments, 44 result, 45 is_error, 46 lease_epoch, 47 intent_at, 48 completed_at,
--     49 whether the step called a tool
--   outbox: 50 type, 51 payload, 52 created_at, 53 whether the step emits an event
--   checkpoint: 54 seq, 55 kind, 56 lease_owner, 57 lease_epoch, 58 decision, 59 outcome,
--     60 input_tokens, 61 output_tokens, 62 status_after, 63 state_after, 64 prev_hash, 65 hash,
--     66 created_at
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
       attention = ?,
       cost_micros = ?,
       reserved_calls = ?,
       reserved_tokens = ?,
       reserved_cost_micros = ?,
       budget = COALESCE(?::jsonb, budget),
       deadline_at = COALESCE(?, deadline_at),
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
