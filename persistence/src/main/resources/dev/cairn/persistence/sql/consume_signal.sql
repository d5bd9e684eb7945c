-- Marks a signal taken by a call's step. Parameters: 1 seq, 2 call id, 3 now, 4 signal id
UPDATE run_signal
   SET consumed_seq = ?, consumed_call_id = ?, consumed_at = ?
 WHERE id = ?
   AND consumed_seq IS NULL
