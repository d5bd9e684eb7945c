-- A page of a run's steps as the story summarizes them: no payloads, only what the decision was
-- (its type and tool, gone once retention pruned it). Parameters: 1 run id, 2 after seq,
-- 3 up to seq, 4 limit
SELECT seq, kind, decision ->> 'type', decision ->> 'tool', created_at, actor, status_after,
       input_tokens, output_tokens, cost_micros, hash, pruned_at
  FROM checkpoint
 WHERE run_id = ?
   AND seq > ?
   AND seq <= ?
 ORDER BY seq
 LIMIT ?
