-- Records an accepted command. Parameters: 1 id, 2 tenant_id, 3 run_id, 4 seq, 5 kind,
-- 6 payload, 7 actor, 8 idempotency_key, 9 request_hash, 10 created_at
INSERT INTO operator_command (id, tenant_id, run_id, seq, kind, payload, actor, idempotency_key,
                              request_hash, state, created_at)
VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 'PENDING', ?)
RETURNING id, run_id, seq, kind, state, payload::text, actor, created_at, applied_at, outcome,
          request_hash
