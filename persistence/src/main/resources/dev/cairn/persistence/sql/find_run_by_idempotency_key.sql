-- Parameters: 1 tenant_id, 2 idempotency_key
SELECT id, request_hash
  FROM agent_run
 WHERE tenant_id = ?
   AND idempotency_key = ?
