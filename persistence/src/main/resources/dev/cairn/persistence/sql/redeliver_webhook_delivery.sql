-- Sends a delivery again, whatever its state: back to PENDING, due now, attempts from zero. An
-- attempt still in flight loses its claim (its outcome is no longer recorded).
-- Parameters: 1 now (due), 2 redelivered by, 3 redelivered at, 4 tenant, 5 id
UPDATE webhook_delivery
   SET state = 'PENDING',
       attempts = 0,
       next_attempt_at = ?,
       claim_token = NULL,
       delivered_at = NULL,
       dead_at = NULL,
       redelivered_by = ?,
       redelivered_at = ?
 WHERE tenant_id = ?
   AND id = ?
