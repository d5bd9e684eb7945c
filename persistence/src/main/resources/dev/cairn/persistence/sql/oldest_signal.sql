-- The oldest unconsumed signal of a name sent to a run. Parameters: 1 run id, 2 name
SELECT id, payload::text, created_at, sent_by
  FROM run_signal
 WHERE run_id = ?
   AND name = ?
   AND consumed_seq IS NULL
 ORDER BY created_at, id
 LIMIT 1
