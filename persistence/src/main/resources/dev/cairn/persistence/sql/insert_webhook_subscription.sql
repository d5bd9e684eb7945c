-- Creates a subscription unless the tenant already has the most it may have (run after
-- lock_webhook_subscriptions.sql). Parameters: 1 id, 2 tenant, 3 url, 4 event types (text[]),
-- 5 description, 6 sealed secret, 7 created by, 8 created at, 9 tenant (again), 10 the limit
INSERT INTO webhook_subscription (id, tenant_id, url, event_types, description, secret,
                                  created_by, created_at)
SELECT ?, ?, ?, ?::text[], ?, ?, ?, ?
 WHERE (SELECT count(*)
          FROM webhook_subscription
         WHERE tenant_id = ?
           AND deleted_at IS NULL) < ?
RETURNING id, tenant_id, url, event_types, description, created_by, created_at
