-- Which of a run's checkpoints carries a hash (used only to explain a broken link).
-- Parameters: 1 run id, 2 hash.
SELECT seq
  FROM checkpoint
 WHERE run_id = ?
   AND hash = ?
 ORDER BY seq
 LIMIT 1
