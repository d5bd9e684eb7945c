-- Closed runs per status from the planner's statistics (the status column's most common values
-- and their frequencies, from the last ANALYZE) times the estimated rows of the table: no row is
-- read. A status missing from the list counts 0.
-- Parameter: 1 estimated rows of agent_run (estimate_run_rows.sql)
SELECT v.status, round(v.freq * ?)::bigint
  FROM pg_stats s,
       unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS v (status, freq)
 WHERE s.schemaname = current_schema()
   AND s.tablename = 'agent_run'
   AND s.attname = 'status'
   AND v.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED')
