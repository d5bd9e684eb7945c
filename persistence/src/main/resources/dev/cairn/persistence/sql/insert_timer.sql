-- Records a waiting call's due time (null: no timeout). Written once per call.
-- Parameters: 1 run_id, 2 call_id, 3 tenant_id, 4 kind, 5 due_at, 6 signal_name, 7 seq, 8 now
INSERT INTO run_timer (run_id, call_id, tenant_id, kind, due_at, signal_name, created_seq,
                       created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, call_id) DO NOTHING
