-- Deletes subscriptions deleted before the retention that no delivery refers to any more.
-- Parameters: 1 deleted before
DELETE FROM webhook_subscription s
 WHERE s.deleted_at < ?
   AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.subscription_id = s.id)
