-- A tenant's live subscriptions, oldest first (there are few: a tenant has a bounded number).
-- Parameters: 1 tenant
SELECT id, tenant_id, url, event_types, description, created_by, created_at
  FROM webhook_subscription
 WHERE tenant_id = ?
   AND deleted_at IS NULL
 ORDER BY created_at, id
