-- Frees leases whose owner stopped heartbeating; each counts as one recovery of the run.
-- Parameter: 1 now
UPDATE agent_run
   SET lease_owner = NULL,
       lease_expires_at = NULL,
       consecutive_recoveries = consecutive_recoveries + 1
 WHERE lease_owner IS NOT NULL
   AND lease_expires_at < ?
   AND status IN ('QUEUED', 'RUNNING', 'WAITING')
