-- A signal sent with a client key. Parameters: 1 tenant_id, 2 key
SELECT id, run_id, name, request_hash, created_at FROM run_signal
 WHERE tenant_id = ? AND idempotency_key = ?
