-- One delivery, with whether its subscription is deleted. Parameters: 1 tenant, 2 id
SELECT d.id, d.tenant_id, d.subscription_id, s.url, d.run_id, d.seq, d.event_type, d.state,
       d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error,
       d.created_at, d.delivered_at, d.dead_at, d.redelivered_by, d.redelivered_at,
       s.deleted_at IS NOT NULL
  FROM webhook_delivery d
  JOIN webhook_subscription s ON s.id = d.subscription_id
 WHERE d.tenant_id = ?
   AND d.id = ?
