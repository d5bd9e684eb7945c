-- Marks a subscription deleted: it gets no new deliveries and its pending ones are not sent (the
-- engine prunes them). Parameters: 1 deleted by, 2 deleted at, 3 tenant, 4 id
UPDATE webhook_subscription
   SET deleted_by = ?,
       deleted_at = ?
 WHERE tenant_id = ?
   AND id = ?
   AND deleted_at IS NULL
