-- Inserts a new run unless its idempotency key was used already.
-- Parameters: 1 id, 2 tenant_id, 3 agent_name, 4 agent_version, 5 input, 6 wake_at,
-- 7 idempotency_key, 8 request_hash, 9 created_at, 10 updated_at, 11 priority, 12 submitted_by,
-- 13 budget (the effective AgentSpec.Budget as JSON, or null), 14 deadline_at (or null)
INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,
                       idempotency_key, request_hash, created_at, updated_at, priority,
                       submitted_by, budget, deadline_at)
VALUES (?, ?, ?, ?, 'QUEUED', ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
