-- Gives back some (or, with a null array, all) partitions a node holds for a consumer.
-- Parameters: 1 consumer, 2 this node, 3 and 4 the same partitions (int[]), or null for all
UPDATE outbox_cursor
   SET owner = NULL,
       lease_expires_at = NULL
 WHERE consumer = ?
   AND owner = ?
   AND (?::int[] IS NULL OR partition = ANY (?::int[]))
