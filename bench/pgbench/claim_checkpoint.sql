-- One durable step in plain SQL, for pgbench: the database work of a Cairn step without the
-- runtime. In one transaction: claim one runnable run (the FOR UPDATE SKIP LOCKED "ready" scan of
-- claim_runs.sql for the one tenant this data set has, which has no timers), apply the step with the lease fence, append a
-- ~1 KB checkpoint and one message (the rows commit_step.sql writes, here as plain statements). The step releases the
-- lease and moves wake_at to now(), so the run goes to the back of the queue and is claimed again.
BEGIN;
WITH picked AS (
    SELECT id
      FROM agent_run
     WHERE tenant_id = 'default'
       AND status IN ('QUEUED', 'RUNNING')
       AND wake_at <= now()
       AND (lease_expires_at IS NULL OR lease_expires_at < now())
     ORDER BY priority, wake_at
     LIMIT 1
       FOR UPDATE SKIP LOCKED
)
UPDATE agent_run r
   SET lease_owner = 'pgbench-' || :client_id,
       lease_epoch = r.lease_epoch + 1,
       lease_expires_at = now() + interval '15 seconds',
       consecutive_recoveries = r.consecutive_recoveries
           + CASE WHEN r.lease_owner IS NULL THEN 0 ELSE 1 END,
       version = r.version + 1
  FROM picked, agent_definition d
 WHERE r.id = picked.id
   AND d.tenant_id = r.tenant_id
   AND d.name = r.agent_name
   AND d.version = r.agent_version
RETURNING r.id AS run_id, r.lease_owner AS owner, r.lease_epoch AS epoch, r.step_count AS steps,
          r.input AS input, length(d.spec::text) AS spec_len
\gset
UPDATE agent_run
   SET status = 'RUNNING',
       wait_reason = NULL,
       wake_at = now(),
       result = NULL,
       error = NULL,
       step_count = :steps + 1,
       model_calls = model_calls + 1,
       tool_calls = tool_calls,
       input_tokens = input_tokens + 120,
       output_tokens = output_tokens + 8,
       invalid_tool_calls = 0,
       retry_attempt = 0,
       consecutive_recoveries = 0,
       pending_tool_calls = '[]'::jsonb,
       last_hash = '9f2c4e1a7b3d5f60812a4c6e8b0d2f4163a5c7e9b1d3f5072a4c6e8b0d2f4163',
       lease_owner = NULL,
       lease_expires_at = NULL,
       updated_at = now(),
       finished_at = NULL,
       version = version + 1
 WHERE id = :run_id
   AND lease_owner = :owner
   AND lease_epoch = :epoch;
INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch, decision, outcome,
                        input_tokens, output_tokens, status_after, state_after, prev_hash, hash,
                        created_at)
VALUES (:run_id, :steps + 1, 'default', 'MODEL_CALL', :owner, :epoch,
        '{"type": "CallModel", "model": "scripted/s", "messages": 3, "tools": ["calculator"], "temperature": null, "attempt": 0, "reason": "next turn of the conversation after a tool result", "requestHash": "3e18ac3fc6fafdf938aad2f2c3453c94"}'::jsonb,
        '{"type": "ModelAnswered", "text": null, "finishReason": "TOOL_EXECUTION", "toolCalls": [{"id": "call_3_0", "name": "calculator", "arguments": "{\"expression\":\"1+1\"}"}], "usage": {"inputTokens": 120, "outputTokens": 8}, "latencyMs": 0, "provider": "scripted", "note": "the assistant asks for one calculator call; its result is appended as a TOOL message by the next step"}'::jsonb,
        120, 8, 'RUNNING',
        '{"status": "RUNNING", "stepCount": 7, "modelCalls": 4, "toolCalls": 3, "inputTokens": 480, "outputTokens": 32, "invalidToolCalls": 0, "retryAttempt": 0, "pendingToolCalls": [{"id": "call_3_0", "name": "calculator", "arguments": "{\"expression\":\"1+1\"}"}], "messages": 8, "waitReason": null, "wakeAt": null, "budget": {"maxSteps": 1000, "maxModelCalls": 1000, "maxTokens": 1000000}}'::jsonb,
        '2b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfe',
        '9f2c4e1a7b3d5f60812a4c6e8b0d2f4163a5c7e9b1d3f5072a4c6e8b0d2f4163',
        now());
INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, tool_calls, tool_call_id,
                         tool_name, created_at)
VALUES (:run_id, :steps + 1, 'default', :steps + 1, 'ASSISTANT', NULL,
        '[{"id": "call_3_0", "name": "calculator", "arguments": "{\"expression\":\"1+1\"}"}]'::jsonb,
        NULL, NULL, now());
COMMIT;
