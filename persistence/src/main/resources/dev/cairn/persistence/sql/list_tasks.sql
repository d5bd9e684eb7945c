-- A run's subtasks in the order they were added. Parameter: 1 run id
SELECT task_id, title, depends_on, state, note, child_run_id, created_seq, updated_seq,
       created_at, updated_at
  FROM run_task
 WHERE run_id = ?
 ORDER BY created_seq, created_at, task_id
