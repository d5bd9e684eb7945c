-- Signals of a run not taken yet. Parameter: 1 run id
SELECT count(*) FROM run_signal WHERE run_id = ? AND consumed_seq IS NULL
