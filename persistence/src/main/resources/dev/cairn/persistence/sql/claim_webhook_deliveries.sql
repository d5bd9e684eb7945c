-- Claims due deliveries of live subscriptions, skipping rows another worker is claiming: each
-- gets a fresh claim token (the fence of its outcome), one more attempt, and a claim expiry as
-- its next attempt time, after which another worker may take it over.
-- Parameters: 1 claim expiry, 2 now, 3 now (due), 4 how many
UPDATE webhook_delivery d
   SET claim_token = gen_random_uuid(),
       attempts = d.attempts + 1,
       next_attempt_at = ?,
       last_attempt_at = ?
  FROM (SELECT d0.id
          FROM webhook_delivery d0
          JOIN webhook_subscription s0 ON s0.id = d0.subscription_id
         WHERE d0.state = 'PENDING'
           AND d0.next_attempt_at <= ?
           AND s0.deleted_at IS NULL
         ORDER BY d0.next_attempt_at
         LIMIT ?
           FOR UPDATE OF d0 SKIP LOCKED) due,
       webhook_subscription s
 WHERE d.id = due.id
   AND s.id = d.subscription_id
RETURNING d.id, d.claim_token, d.attempts, d.tenant_id, d.subscription_id, s.url, s.secret,
          d.run_id, d.seq, d.event_type, d.agent_name, d.event_time, d.event_data::text
