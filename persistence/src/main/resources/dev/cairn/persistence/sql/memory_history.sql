-- An item's versions, oldest first, after a version.
-- Parameters: 1 tenant, 2 agent, 3 namespace, 4 key, 5 after version, 6 limit
SELECT i.id, i.agent_name, i.namespace, i.key, v.version, i.head_version, v.content, v.origin, v.source,
       v.pinned, v.tombstone, v.run_id, v.seq, v.actor, v.created_at
  FROM memory_item i
  JOIN memory_version v ON v.item_id = i.id
 WHERE i.tenant_id = ? AND i.agent_name = ? AND i.namespace = ? AND i.key = ? AND v.version > ?
 ORDER BY v.version
 LIMIT ?
