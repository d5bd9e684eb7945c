-- Creates an item at version 1 unless it exists (a person's first write, expected version 0).
-- Parameters: 1 new item id, 2 tenant, 3 agent, 4 namespace, 5 key, 6 now, 7 now
INSERT INTO memory_item (id, tenant_id, agent_name, namespace, key, created_at, head_version,
                         updated_at)
VALUES (?, ?, ?, ?, ?, ?, 1, ?)
ON CONFLICT (tenant_id, agent_name, namespace, key) DO NOTHING
RETURNING id, head_version
