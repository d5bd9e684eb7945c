-- Commits one step in one statement, so a lone step costs one round trip: the fenced run update,
-- then, only when the fence held (every row below is selected FROM run), the step's messages,
-- tool result, events and checkpoint. The update count is the checkpoint's: 1 means
-- committed, 0 means another replica owns the run and nothing was written.
-- A kept lease is extended, so a busy run never depends on the heartbeat alone. A run that goes
-- on under its lease keeps its wake_at (parameter 3 is null): the update then changes no indexed
-- column and Postgres can make it a HOT update (no new index entries, no index bloat).
-- Every timestamp parameter is cast to timestamptz: pgjdbc sends a null timestamp without a type
-- and lets the server infer one, and an uncast parameter in a SELECT list (the tool result's
-- intent_at) then gave the statement another parse tree and another query id than a non-null one,
-- so each pooled connection held whichever of the two it parsed first.
-- Parameters, in order:
--   run: 1 status, 2 wait_reason, 3 wake_at, 4 result, 5 error, 6 step_count, 7 model_calls,
--     8 tool_calls, 9 input_tokens, 10 output_tokens, 11 invalid_tool_calls, 12 retry_attempt,
--     13 pending_tool_calls, 14 last_hash, 15 attention, 16 cost_micros, 17 reserved_calls,
--     18 reserved_tokens, 19 reserved_cost_micros, 20 budget (null keeps it), 21 deadline_at (null
--     keeps it), 22 keep_lease, 23 keep_lease, 24 lease expiry, 25 updated_at, 26 finished_at,
--     27 number of events the step writes, 28 id, 29 lease_owner, 30 lease_epoch
--   messages (parallel arrays): 31 created_at, 32 idx[], 33 seq[], 34 role[], 35 content[],
--     36 tool_calls[], 37 tool_call_id[], 38 tool_name[]
--   tool result: 39 seq, 40 tool_call_id, 41 tool_name, 42 side_effect, 43 idempotency_key,
--     44 arguments, 45 result, 46 is_error, 47 lease_epoch, 48 intent_at, 49 completed_at,
--     50 whether the step called a tool
--   events (V15): 51 number of events, 52 created_at, 53 type[], 54 data[] (in seq order; the run's
--     event_seq was bumped by their number, so they take the seqs just below the new value)
--   checkpoint: 55 seq, 56 kind, 57 lease_owner, 58 lease_epoch, 59 decision, 60 outcome,
--     61 input_tokens, 62 output_tokens, 63 status_after, 64 state_after, 65 prev_hash, 66 hash,
--     67 created_at, 68 actor, 69 cost_micros, 70 hash_alg (V17)
WITH run AS (
UPDATE agent_run
   SET status = ?,
       wait_reason = ?,
       wake_at = COALESCE(?::timestamptz, wake_at),
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
       deadline_at = COALESCE(?::timestamptz, deadline_at),
       lease_owner = CASE WHEN ? THEN lease_owner ELSE NULL END,
       lease_expires_at = CASE WHEN ? THEN GREATEST(lease_expires_at, ?::timestamptz)
                               ELSE NULL END,
       updated_at = ?::timestamptz,
       finished_at = ?::timestamptz,
       version = version + 1,
       event_seq = event_seq + ?
 WHERE id = ?
   AND lease_owner = ?
   AND lease_epoch = ?
RETURNING id, tenant_id, agent_name, event_seq
), messages AS (
  INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, tool_calls, tool_call_id,
                           tool_name, created_at)
  SELECT run.id, m.idx, run.tenant_id, m.seq, m.role, m.content, m.tool_calls::jsonb,
         m.tool_call_id, m.tool_name, ?::timestamptz
    FROM run,
         unnest(?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
           AS m (idx, seq, role, content, tool_calls, tool_call_id, tool_name)
), tool_result AS (
  -- Inserts the row for read-only tools, which record no intent; completes the intent otherwise.
  INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,
                               idempotency_key, arguments, status, result, is_error, lease_epoch,
                               intent_at, completed_at)
  SELECT run.id, ?, run.tenant_id, ?, ?, ?, ?, ?::jsonb, 'DONE', ?, ?, ?, ?::timestamptz,
         ?::timestamptz
    FROM run
   WHERE ?
  ON CONFLICT (run_id, seq) DO UPDATE
     SET status = 'DONE',
         result = EXCLUDED.result,
         is_error = EXCLUDED.is_error,
         lease_epoch = EXCLUDED.lease_epoch,
         completed_at = EXCLUDED.completed_at
), events AS (
  INSERT INTO outbox_event (tenant_id, run_id, seq, agent_name, type, payload, created_at)
  SELECT run.tenant_id, run.id, run.event_seq - ?::int + e.ord::int, run.agent_name, e.type,
         e.data::jsonb, ?::timestamptz
    FROM run,
         unnest(?::text[], ?::text[]) WITH ORDINALITY AS e (type, data, ord)
)
INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch, decision, outcome,
                        input_tokens, output_tokens, status_after, state_after, prev_hash, hash,
                        created_at, actor, cost_micros, hash_alg)
SELECT run.id, ?, run.tenant_id, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?::timestamptz, ?,
       ?, ?
  FROM run
