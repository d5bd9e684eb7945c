-- Heartbeat: extends the leases this node still holds. Parameters: 1 expiry, 2 node, 3 run ids (uuid[])
UPDATE agent_run
   SET lease_expires_at = ?
 WHERE lease_owner = ?
   AND id = ANY (?)
