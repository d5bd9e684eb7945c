-- The planner's estimate of agent_run's rows: rows per page at the last VACUUM or ANALYZE times the
-- pages the table has now (as the planner itself scales it); -1 when never analyzed.
SELECT CASE
         WHEN c.reltuples < 0 THEN -1
         WHEN c.relpages = 0 THEN c.reltuples
         ELSE c.reltuples / c.relpages
              * (pg_relation_size(c.oid) / current_setting('block_size')::bigint)
       END::bigint
  FROM pg_class c
 WHERE c.oid = 'agent_run'::regclass
