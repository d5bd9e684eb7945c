-- A step's running summary, written after the step's fenced statement in its transaction.
-- Parameters: 1 run_id, 2 seq, 3 tenant_id, 4 from_idx, 5 to_idx, 6 text, 7 assistant_turns,
-- 8 created_at
INSERT INTO run_summary (run_id, seq, tenant_id, from_idx, to_idx, text, assistant_turns,
                         created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
