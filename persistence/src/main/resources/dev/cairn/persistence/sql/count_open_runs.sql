-- Open runs per status (in progress, or held for an operator): an index-only scan of
-- agent_run_open_status_idx (V22.1), whose size follows the open runs, not the closed ones.
SELECT status, count(*)
  FROM agent_run
 WHERE status IN ('QUEUED', 'RUNNING', 'WAITING', 'PAUSED', 'NEEDS_RECONCILIATION', 'QUARANTINED')
 GROUP BY status
