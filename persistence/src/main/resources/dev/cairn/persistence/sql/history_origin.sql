-- A run as it was submitted, for folding its history: its pinned definition, its budget and
-- deadline (submitted, or as last raised), when it was created, its last seq, and whether an
-- operator raised its budget (then the submitted budget is the column submitted_budget).
-- Parameter: 1 run id
SELECT r.id, r.tenant_id, r.agent_name, r.agent_version, d.spec::text,
       COALESCE(r.submitted_budget, r.budget)::text, r.created_at, r.step_count,
       r.submitted_budget IS NULL AND EXISTS (
           SELECT 1 FROM operator_command oc
            WHERE oc.run_id = r.id AND oc.kind = 'RAISE_BUDGET' AND oc.state = 'APPLIED')
           AS budget_unknown
  FROM agent_run r
  JOIN agent_definition d
    ON d.tenant_id = r.tenant_id AND d.name = r.agent_name AND d.version = r.agent_version
 WHERE r.id = ?
