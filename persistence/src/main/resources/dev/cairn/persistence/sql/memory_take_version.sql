-- Takes the next version number of a memory item, creating the item at version 1. The row lock
-- this takes holds until the transaction ends: a second writer of the item waits, then numbers
-- after it. Used by steps (in their commit) and by people's unconditional deletes.
-- Parameters: 1 new item id, 2 tenant, 3 agent, 4 namespace, 5 key, 6 now, 7 now
INSERT INTO memory_item AS m (id, tenant_id, agent_name, namespace, key, created_at, head_version,
                              updated_at)
VALUES (?, ?, ?, ?, ?, ?, 1, ?)
ON CONFLICT (tenant_id, agent_name, namespace, key)
DO UPDATE SET head_version = m.head_version + 1, updated_at = EXCLUDED.updated_at
RETURNING id, head_version
