-- Whether a run exists in the current tenant scope. Parameters: 1 run id
SELECT 1 FROM agent_run WHERE id = ?
