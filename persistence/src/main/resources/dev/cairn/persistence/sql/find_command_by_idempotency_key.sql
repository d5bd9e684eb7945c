-- The command holding an idempotency key. Parameters: 1 tenant_id, 2 idempotency_key
SELECT id, run_id, seq, kind, state, payload::text, actor, created_at, applied_at, outcome,
       request_hash
  FROM operator_command
 WHERE tenant_id = ?
   AND idempotency_key = ?
