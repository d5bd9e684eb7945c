-- The latest running summary of each of a batch of claimed runs. Parameter: 1 run ids (uuid[])
SELECT DISTINCT ON (run_id) run_id, seq, from_idx, to_idx, text, assistant_turns
  FROM run_summary
 WHERE run_id = ANY (?)
 ORDER BY run_id, seq DESC
