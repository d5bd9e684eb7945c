-- Inserts a fork: the run as its original stood after the fork's seq, runnable at once, with its
-- first event (run.submitted, seq 1, naming its origin).
-- Parameters: 1 id, 2 tenant_id, 3 agent_name, 4 agent_version, 5 input, 6 wake_at, 7 created_at,
-- 8 updated_at, 9 priority, 10 submitted_by, 11 budget, 12 deadline_at, 13 step_count,
-- 14 model_calls, 15 tool_calls, 16 input_tokens, 17 output_tokens, 18 invalid_tool_calls,
-- 19 pending_tool_calls, 20 last_hash, 21 cost_micros, 22 forked_from, 23 forked_at_seq,
-- 24 fork_changes, 25 model_override
WITH run AS (
INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,
                       created_at, updated_at, priority, submitted_by, budget, deadline_at,
                       step_count, model_calls, tool_calls, input_tokens, output_tokens,
                       invalid_tool_calls, pending_tool_calls, last_hash, cost_micros,
                       forked_from, forked_at_seq, fork_changes, model_override, event_seq)
VALUES (?, ?, ?, ?, 'QUEUED', ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?,
        ?, ?, ?, ?::jsonb, ?::jsonb, 1)
RETURNING id, tenant_id, agent_name, agent_version, priority, submitted_by, created_at,
          forked_from, forked_at_seq
)
INSERT INTO outbox_event (tenant_id, run_id, seq, agent_name, type, payload, created_at)
SELECT run.tenant_id, run.id, 1, run.agent_name, 'run.submitted',
       jsonb_build_object('status', 'QUEUED', 'agent', run.agent_name,
                          'agentVersion', run.agent_version, 'priority', run.priority,
                          'submittedBy', run.submitted_by, 'forkedFrom', run.forked_from,
                          'forkedAtSeq', run.forked_at_seq),
       run.created_at
  FROM run
