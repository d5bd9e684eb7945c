-- How many runs a bulk command selects. Parameters as select_runs.sql without the limit.
SELECT count(*)
  FROM agent_run
 WHERE tenant_id = ?
   AND (?::text IS NULL OR agent_name = ?)
   AND (cardinality(?::text[]) = 0 OR status = ANY (?::text[]))
   AND created_at < ?
