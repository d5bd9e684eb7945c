-- Frees leases whose owner stopped heartbeating; each counts as one recovery of the run.
-- Rows are locked in id order, skipping rows a commit holds, so the reaper never deadlocks.
-- Parameter: 1 now
UPDATE agent_run r
   SET lease_owner = NULL,
       lease_expires_at = NULL,
       consecutive_recoveries = r.consecutive_recoveries + 1
  FROM (SELECT id
          FROM agent_run
         WHERE lease_owner IS NOT NULL
           AND lease_expires_at < ?
           AND status IN ('QUEUED', 'RUNNING', 'WAITING')
         ORDER BY id
           FOR NO KEY UPDATE SKIP LOCKED) expired
 WHERE r.id = expired.id
