-- Takes the next version number of an existing item only if its head is still the version the
-- writer read (a person's correction); no row when the item is missing or moved on.
-- Parameters: 1 now, 2 tenant, 3 agent, 4 namespace, 5 key, 6 expected head version
UPDATE memory_item
   SET head_version = head_version + 1, updated_at = ?
 WHERE tenant_id = ? AND agent_name = ? AND namespace = ? AND key = ? AND head_version = ?
RETURNING id, head_version
