-- Takes up to N free partitions of a consumer (never held, released, or whose holder's lease
-- expired), skipping rows another replica is claiming right now, so replicas never wait for each
-- other. Parameters: 1 this node, 2 lease expiry, 3 consumer, 4 now, 5 how many
UPDATE outbox_cursor c
   SET owner = ?,
       lease_expires_at = ?
  FROM (SELECT consumer, partition
          FROM outbox_cursor
         WHERE consumer = ?
           AND (owner IS NULL OR lease_expires_at <= ?)
         ORDER BY partition
         LIMIT ?
           FOR UPDATE SKIP LOCKED) free
 WHERE c.consumer = free.consumer
   AND c.partition = free.partition
