-- The most recent runs of an agent, optionally of one version, that have at least one checkpoint.
-- Parameters: 1 agent name, 2 version or null, 3 version or null, 4 limit
SELECT r.id
  FROM agent_run r
 WHERE r.agent_name = ?
   AND (?::integer IS NULL OR r.agent_version = ?::integer)
   AND r.step_count > 0
 ORDER BY r.created_at DESC, r.id DESC
 LIMIT ?
