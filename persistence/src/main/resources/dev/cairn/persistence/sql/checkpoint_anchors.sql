-- The checkpoint hashes the tenant's audit log recorded for a run when its status changed (the
-- audit chain is signed outside the database, so these anchor the run's checkpoint chain).
-- Parameters: 1 tenant, 2 run id (text), 3 limit.
SELECT (details ->> 'seq')::integer, details ->> 'checkpointHash'
  FROM audit_event
 WHERE tenant_id = ?
   AND target_id = ?
   AND action = 'run.status'
   AND details ->> 'checkpointHash' IS NOT NULL
 ORDER BY seq DESC
 LIMIT ?
