-- How many other replicas hold partitions of a consumer under a live lease: a replica takes its
-- fair share of the partitions, 1 / (others + 1) of them.
-- Parameters: 1 consumer, 2 this node, 3 now
SELECT count(DISTINCT owner)
  FROM outbox_cursor
 WHERE consumer = ?
   AND owner IS NOT NULL
   AND owner <> ?
   AND lease_expires_at > ?
