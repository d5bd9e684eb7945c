-- Moves a partition's cursor forward, only while this node still holds its lease (a replica that
-- lost the partition cannot move it back or forward). Parameters: 1 tx, 2 id, 3 now, 4 consumer,
-- 5 partition, 6 this node
UPDATE outbox_cursor
   SET last_tx = ?::xid8,
       last_id = ?,
       advanced_at = ?
 WHERE consumer = ?
   AND partition = ?
   AND owner = ?
