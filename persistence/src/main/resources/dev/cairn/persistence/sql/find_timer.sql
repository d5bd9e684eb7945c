-- The timer of a waiting call, if it wrote one. Parameters: 1 run id, 2 call id
SELECT kind, due_at, signal_name, created_seq FROM run_timer WHERE run_id = ? AND call_id = ?
