-- One live subscription. Parameters: 1 tenant, 2 id
SELECT id, tenant_id, url, event_types, description, created_by, created_at
  FROM webhook_subscription
 WHERE tenant_id = ?
   AND id = ?
   AND deleted_at IS NULL
