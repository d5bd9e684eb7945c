-- The next tool invocations to prune. Parameters: 1 run id, 2 after seq, 3 limit
SELECT seq, arguments::text, result
  FROM tool_invocation
 WHERE run_id = ?
   AND seq > ?
   AND pruned_at IS NULL
 ORDER BY seq
 LIMIT ?
