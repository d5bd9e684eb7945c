-- Runs a bulk command selects, oldest first (at most :limit). Parameters: 1 tenant,
-- 2 agent or null, 3 agent, 4 statuses (text[], empty: any), 5 statuses, 6 created before, 7 limit
SELECT id, status
  FROM agent_run
 WHERE tenant_id = ?
   AND (?::text IS NULL OR agent_name = ?)
   AND (cardinality(?::text[]) = 0 OR status = ANY (?::text[]))
   AND created_at < ?
 ORDER BY created_at, id
 LIMIT ?
