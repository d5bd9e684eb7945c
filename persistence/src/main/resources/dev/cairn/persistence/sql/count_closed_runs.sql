-- Closed runs per status, row by row: only used while the table is small (see
-- estimate_run_rows.sql and RunCounts).
SELECT status, count(*)
  FROM agent_run
 WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED')
 GROUP BY status
