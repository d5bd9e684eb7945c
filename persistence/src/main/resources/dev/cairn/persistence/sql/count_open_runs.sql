-- Open runs per status, each part through a partial index that holds only open runs: waiting runs
-- through the claim's timer index, queued and running ones through its ready index, runs held for
-- an operator through agent_run_held_status_idx (V22.1). None grows with closed runs.
SELECT 'WAITING' AS status, count(*)
  FROM agent_run
 WHERE status = 'WAITING'
UNION ALL
SELECT status, count(*)
  FROM agent_run
 WHERE status IN ('QUEUED', 'RUNNING')
 GROUP BY status
UNION ALL
SELECT status, count(*)
  FROM agent_run
 WHERE status IN ('PAUSED', 'NEEDS_RECONCILIATION', 'QUARANTINED')
 GROUP BY status
