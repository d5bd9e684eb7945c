-- Inserts a new run unless its idempotency key was used already, with its first event
-- (run.submitted, seq 1) in the same statement. The update count is the event's: 1 when the run
-- was inserted, 0 when the key was taken.
-- Parameters: 1 id, 2 tenant_id, 3 agent_name, 4 agent_version, 5 input, 6 wake_at,
-- 7 idempotency_key, 8 request_hash, 9 created_at, 10 updated_at, 11 priority, 12 submitted_by,
-- 13 budget (the effective AgentSpec.Budget as JSON, or null), 14 deadline_at (or null),
-- 15 variant (the run's A/B variant, or null)
WITH run AS (
INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,
                       idempotency_key, request_hash, created_at, updated_at, priority,
                       submitted_by, budget, deadline_at, event_seq, variant)
VALUES (?, ?, ?, ?, 'QUEUED', ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 1, ?)
ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
RETURNING id, tenant_id, agent_name, agent_version, priority, submitted_by, created_at
)
INSERT INTO outbox_event (tenant_id, run_id, seq, agent_name, type, payload, created_at)
SELECT run.tenant_id, run.id, 1, run.agent_name, 'run.submitted',
       jsonb_build_object('status', 'QUEUED', 'agent', run.agent_name,
                          'agentVersion', run.agent_version, 'priority', run.priority,
                          'submittedBy', run.submitted_by),
       run.created_at
  FROM run
