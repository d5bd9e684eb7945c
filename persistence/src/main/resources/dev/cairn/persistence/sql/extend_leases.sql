-- Heartbeat: extends the leases this node still holds. Rows are locked in id order and rows
-- locked by a step commit are skipped (that commit extends its lease itself), so a heartbeat
-- never deadlocks with a group commit.
-- Parameters: 1 expiry, 2 node, 3 run ids (uuid[])
UPDATE agent_run r
   SET lease_expires_at = ?
  FROM (SELECT id
          FROM agent_run
         WHERE lease_owner = ?
           AND id = ANY (?)
         ORDER BY id
           FOR NO KEY UPDATE SKIP LOCKED) mine
 WHERE r.id = mine.id
