-- While no tenant has a webhook subscription, moves this node's webhook cursors to the newest
-- event of each partition that every reader may see, without reading the events. The check and
-- the move are one statement: a subscription committed before it starts stops the move; one
-- committed later gets only events committed after it, as it would anyway.
-- Returns whether subscriptions exist, and the cursors moved.
-- Parameters: 1 this node, 2 now, 3 this node
WITH subscribed AS (
  SELECT EXISTS (SELECT 1 FROM webhook_subscription WHERE deleted_at IS NULL) AS found
), head AS (
  SELECT c.partition, e.tx, e.id
    FROM outbox_cursor c
   CROSS JOIN LATERAL (
         SELECT ev.tx, ev.id
           FROM outbox_event ev
          WHERE ev.partition = c.partition
            AND ev.tx < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY ev.tx DESC, ev.id DESC
          LIMIT 1) e
   WHERE c.consumer = 'webhooks'
     AND c.owner = ?
     AND (e.tx, e.id) > (c.last_tx, c.last_id)
     AND NOT (SELECT found FROM subscribed)
), moved AS (
  UPDATE outbox_cursor c
     SET last_tx = head.tx,
         last_id = head.id,
         advanced_at = ?
    FROM head
   WHERE c.consumer = 'webhooks'
     AND c.partition = head.partition
     AND c.owner = ?
  RETURNING c.partition, c.last_tx::text AS last_tx, c.last_id
)
SELECT (SELECT found FROM subscribed), m.partition, m.last_tx, m.last_id
  FROM (SELECT 1) one
  LEFT JOIN moved m ON true
