-- The next messages to prune. Parameters: 1 run id, 2 after idx, 3 limit
SELECT idx, content, tool_calls::text
  FROM run_message
 WHERE run_id = ?
   AND idx > ?
   AND pruned_at IS NULL
 ORDER BY idx
 LIMIT ?
