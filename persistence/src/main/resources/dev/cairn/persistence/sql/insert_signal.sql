-- Stores a signal. Parameters: 1 id, 2 tenant_id, 3 run_id, 4 name, 5 payload, 6 sent_by,
-- 7 idempotency_key, 8 request_hash, 9 created_at
INSERT INTO run_signal (id, tenant_id, run_id, name, payload, sent_by, idempotency_key,
                        request_hash, created_at)
VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
