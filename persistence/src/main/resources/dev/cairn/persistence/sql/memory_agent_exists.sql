-- Whether a tenant has an agent of this name.
-- Parameters: 1 tenant, 2 agent
SELECT EXISTS (SELECT 1 FROM agent_definition WHERE tenant_id = ? AND name = ?)
