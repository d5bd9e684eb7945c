-- One item's newest version (a tombstone included).
-- Parameters: 1 tenant, 2 agent, 3 namespace, 4 key
SELECT i.id, i.agent_name, i.namespace, i.key, v.version, i.head_version, v.content, v.origin, v.source,
       v.pinned, v.tombstone, v.run_id, v.seq, v.actor, v.created_at
  FROM memory_item i
  JOIN memory_version v ON v.item_id = i.id AND v.version = i.head_version
 WHERE i.tenant_id = ? AND i.agent_name = ? AND i.namespace = ? AND i.key = ?
