-- Announces a replica as a reader of a consumer's partitions until its lease expiry, forgets
-- readers gone for an hour, and counts the live ones (this one included): each takes its fair
-- share, all partitions divided by that count.
-- Parameters: 1 consumer, 2 this node, 3 expiry, 4 now (forget before), 5 consumer, 6 now
WITH announced AS (
  INSERT INTO outbox_reader (consumer, node, expires_at)
  VALUES (?, ?, ?)
  ON CONFLICT (consumer, node) DO UPDATE SET expires_at = EXCLUDED.expires_at
  RETURNING node
), forgotten AS (
  DELETE FROM outbox_reader
   WHERE expires_at < ?::timestamptz - interval '1 hour'
)
SELECT 1 + count(*)
  FROM outbox_reader
 WHERE consumer = ?
   AND expires_at > ?
   AND node <> (SELECT node FROM announced)
