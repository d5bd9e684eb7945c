-- A run's latest signals (bounded), newest first. Parameters: 1 run id, 2 limit
SELECT id, name, sent_by, created_at, consumed_seq, consumed_at
  FROM run_signal
 WHERE run_id = ?
 ORDER BY created_at DESC, id DESC
 LIMIT ?
