-- The root task of a run's graph: the run itself. Parameter: 1 run id
SELECT agent_name, status, wait_reason, wake_at, parent_run_id, created_at FROM agent_run
 WHERE id = ?
