-- An agent's memory as it was: per item the newest version that existed then, tombstones left out,
-- in key order after a key. "Then" is a run's step (that run's versions up to that seq, others' up
-- to the step's time) or a time alone (run null).
-- Parameters: 1 tenant, 2 agent, 3 namespace, 4 after key, 5 run or null, 6 seq, 7 time, 8 limit
SELECT * FROM (
    SELECT DISTINCT ON (i.key) i.id, i.agent_name, i.namespace, i.key, v.version, i.head_version, v.content, v.origin, v.source,
       v.pinned, v.tombstone, v.run_id, v.seq, v.actor, v.created_at
      FROM memory_item i
      JOIN memory_version v ON v.item_id = i.id
     WHERE i.tenant_id = ? AND i.agent_name = ? AND i.namespace = ? AND i.key > ?
       AND CASE WHEN v.run_id = ?::uuid THEN v.seq <= ? ELSE v.created_at <= ? END
     ORDER BY i.key, v.version DESC
) heads
 WHERE NOT heads.tombstone
 ORDER BY heads.key
 LIMIT ?
