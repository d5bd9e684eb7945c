-- Parameters: 1 run_id, 2 seq, 3 tenant_id, 4 kind, 5 lease_owner, 6 lease_epoch, 7 decision,
-- 8 outcome, 9 input_tokens, 10 output_tokens, 11 status_after, 12 state_after, 13 prev_hash,
-- 14 hash, 15 created_at
INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch, decision, outcome,
                        input_tokens, output_tokens, status_after, state_after, prev_hash, hash,
                        created_at)
VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?)
