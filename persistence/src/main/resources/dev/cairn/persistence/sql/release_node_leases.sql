-- Shutdown: gives back every lease this node still holds, so other replicas resume at once.
-- Parameters: 1 updated_at, 2 node
UPDATE agent_run
   SET lease_owner = NULL,
       lease_expires_at = NULL,
       updated_at = ?
 WHERE lease_owner = ?
