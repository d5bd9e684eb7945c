-- Gives a run back without a step (fairness, shutdown), only if still held at this epoch.
-- Parameters: 1 updated_at, 2 id, 3 lease_owner, 4 lease_epoch
UPDATE agent_run
   SET lease_owner = NULL,
       lease_expires_at = NULL,
       updated_at = ?
 WHERE id = ?
   AND lease_owner = ?
   AND lease_epoch = ?
