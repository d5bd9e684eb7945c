-- Parameters: 1 tenant_id, 2 run_id, 3 type, 4 payload, 5 created_at
INSERT INTO outbox_event (tenant_id, run_id, type, payload, created_at)
VALUES (?, ?, ?, ?::jsonb, ?)
