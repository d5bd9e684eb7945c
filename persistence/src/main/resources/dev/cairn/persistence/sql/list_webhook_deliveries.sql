-- A tenant's deliveries in one state, newest first, after a keyset position, optionally of one
-- subscription. Parameters: 1 tenant, 2 state, 3 and 4 subscription id or null (twice),
-- 5 and 6 before (created_at, id), 7 limit
SELECT d.id, d.tenant_id, d.subscription_id, s.url, d.run_id, d.seq, d.event_type, d.state,
       d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error,
       d.created_at, d.delivered_at, d.dead_at, d.redelivered_by, d.redelivered_at
  FROM webhook_delivery d
  JOIN webhook_subscription s ON s.id = d.subscription_id
 WHERE d.tenant_id = ?
   AND d.state = ?
   AND (?::uuid IS NULL OR d.subscription_id = ?::uuid)
   AND (d.created_at, d.id) < (?, ?)
 ORDER BY d.created_at DESC, d.id DESC
 LIMIT ?
