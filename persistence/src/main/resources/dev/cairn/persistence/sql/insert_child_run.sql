-- Inserts a child run started by a parent's step (the delegate tool), in that step's transaction,
-- with its first event (run.submitted) and its input message. The child carries its parent, the
-- parent's call and the subtask; its budget is already carved out of the parent's.
-- Parameters: 1 id, 2 tenant_id, 3 agent_name, 4 agent_version, 5 input, 6 wake_at,
-- 7 created_at, 8 updated_at, 9 priority, 10 submitted_by, 11 budget, 12 deadline_at,
-- 13 parent_run_id, 14 parent_call_id, 15 parent_task_id, 16 child_ordinal,
-- 17 variant (the child's A/B variant, or null), 18 input text (the first message)
WITH run AS (
INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,
                       created_at, updated_at, priority, submitted_by, budget, deadline_at,
                       event_seq, parent_run_id, parent_call_id, parent_task_id,
                       child_ordinal, variant)
VALUES (?, ?, ?, ?, 'QUEUED', ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, 1, ?, ?, ?, ?, ?)
RETURNING id, tenant_id, agent_name, agent_version, priority, submitted_by, created_at
), message AS (
INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, created_at)
SELECT run.id, 0, run.tenant_id, 0, 'USER', ?, run.created_at
  FROM run
)
INSERT INTO outbox_event (tenant_id, run_id, seq, agent_name, type, payload, created_at)
SELECT run.tenant_id, run.id, 1, run.agent_name, 'run.submitted',
       jsonb_build_object('status', 'QUEUED', 'agent', run.agent_name,
                          'agentVersion', run.agent_version, 'priority', run.priority,
                          'submittedBy', run.submitted_by),
       run.created_at
  FROM run
