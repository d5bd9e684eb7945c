-- Deletes up to N deliveries nobody needs any more: finished (DELIVERED or DEAD) ones created
-- before the retention, and pending ones of deleted subscriptions.
-- Parameters: 1 created before, 2 how many, 3 how many
DELETE FROM webhook_delivery
 WHERE id = ANY (ARRAY(
       (SELECT id
          FROM webhook_delivery
         WHERE state <> 'PENDING'
           AND created_at < ?
         LIMIT ?)
       UNION ALL
       (SELECT d.id
          FROM webhook_subscription s
          JOIN webhook_delivery d ON d.subscription_id = s.id
         WHERE s.deleted_at IS NOT NULL
           AND d.state = 'PENDING'
         LIMIT ?)))
