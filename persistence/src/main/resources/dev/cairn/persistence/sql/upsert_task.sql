-- Adds a subtask, or changes its state, note or child run (a task's title and dependencies never
-- change once added). Parameters: 1 run_id, 2 task_id, 3 tenant_id, 4 title, 5 depends_on
-- (text[]), 6 state, 7 note, 8 child_run_id, 9 seq, 10 seq, 11 now, 12 now
INSERT INTO run_task AS t (run_id, task_id, tenant_id, title, depends_on, state, note,
                           child_run_id, created_seq, updated_seq, created_at, updated_at)
VALUES (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, task_id) DO UPDATE
   SET state = EXCLUDED.state,
       note = COALESCE(EXCLUDED.note, t.note),
       child_run_id = COALESCE(EXCLUDED.child_run_id, t.child_run_id),
       updated_seq = EXCLUDED.updated_seq,
       updated_at = EXCLUDED.updated_at
