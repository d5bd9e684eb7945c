-- When a run's step was committed (the step's time).
-- Parameters: 1 run, 2 seq
SELECT created_at FROM checkpoint WHERE run_id = ? AND seq = ?
