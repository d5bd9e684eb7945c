-- Extends the leases a node holds on a consumer's partitions and returns them with their cursors.
-- Parameters: 1 lease expiry, 2 consumer, 3 this node, 4 now
UPDATE outbox_cursor
   SET lease_expires_at = ?
 WHERE consumer = ?
   AND owner = ?
   AND lease_expires_at > ?
RETURNING partition, last_tx::text, last_id
