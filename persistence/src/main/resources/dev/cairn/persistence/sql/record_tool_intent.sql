-- Records the intent to call a tool with side effects, under the run's row lock and only while the
-- lease is held. The lock orders the intent with a claim: a claim that already moved the run to a
-- new epoch makes this statement wait for it and then find no row (nothing written); an intent
-- that locked first commits before a claim can take the run (the claim skips locked runs), so the
-- new owner's recovery loads it.
-- A repeated intent of an idempotent call (its recovery) counts one more attempt. A repeated
-- intent of a non-idempotent call is not a new start: nothing is written, and the answer is
-- ALREADY_STARTED, as for a call already done.
-- Answers one row: RECORDED, LEASE_LOST or ALREADY_STARTED.
-- Parameters: 1 run_id, 2 lease_owner, 3 lease_epoch, 4 seq, 5 tenant_id, 6 tool_call_id,
-- 7 tool_name, 8 side_effect, 9 idempotency_key, 10 arguments, 11 lease_epoch, 12 intent_at
WITH run AS (
    SELECT id
      FROM agent_run
     WHERE id = ?
       AND lease_owner = ?
       AND lease_epoch = ?
       FOR NO KEY UPDATE
), recorded AS (
    INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,
                                 idempotency_key, arguments, status, lease_epoch, intent_at)
    SELECT run.id, ?, ?, ?, ?, ?, ?, ?::jsonb, 'INTENT', ?, ?
      FROM run
    ON CONFLICT (run_id, seq) DO UPDATE
       SET attempts = tool_invocation.attempts + 1,
           lease_epoch = EXCLUDED.lease_epoch
     WHERE tool_invocation.status = 'INTENT'
       AND tool_invocation.side_effect = 'IDEMPOTENT'
    RETURNING 1
)
SELECT CASE
         WHEN NOT EXISTS (SELECT 1 FROM run) THEN 'LEASE_LOST'
         WHEN EXISTS (SELECT 1 FROM recorded) THEN 'RECORDED'
         ELSE 'ALREADY_STARTED'
       END
