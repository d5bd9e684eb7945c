-- Inserts :n runs of agent :agent (latest version) the way SubmissionStore.submit does, in one
-- transaction: the run row, its input message (idx 0, USER), then a NOTIFY for idle workers.
-- Variables: agent, n, status (QUEUED, WAITING or PAUSED), wake (SQL expression), marker (input),
-- actor_col and actor_val (", submitted_by" and ", 'bench'" where the schema has the column).
BEGIN;
WITH def AS (
    SELECT max(version) AS version FROM agent_definition
     WHERE tenant_id = 'default' AND name = :'agent'
), r AS (
    INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, wait_reason, input,
                           wake_at, created_at, updated_at, priority :actor_col)
    SELECT gen_random_uuid(), 'default', :'agent', def.version, :'status',
           CASE :'status' WHEN 'WAITING' THEN 'timer' WHEN 'PAUSED' THEN 'approval' END,
           to_jsonb(:'marker'::text), :wake, now(), now(), 0 :actor_val
      FROM def, generate_series(1, :n)
    RETURNING id, created_at
)
INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, created_at)
SELECT id, 0, 'default', 0, 'USER', :'marker', created_at FROM r;
SELECT pg_notify('cairn_runnable', '');
COMMIT;
