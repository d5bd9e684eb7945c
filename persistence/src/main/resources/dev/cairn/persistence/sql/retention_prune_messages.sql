-- Replaces message contents and tool calls by their digests.
-- Parameters: 1 pruned_at, 2 idx[], 3 content_sha256[], 4 tool_calls_sha256[], 5 run id
UPDATE run_message m
   SET content_sha256 = u.content_sha256,
       tool_calls_sha256 = u.tool_calls_sha256,
       content = NULL,
       tool_calls = NULL,
       pruned_at = ?
  FROM unnest(?::int[], ?::text[], ?::text[]) AS u (idx, content_sha256, tool_calls_sha256)
 WHERE m.run_id = ?
   AND m.idx = u.idx
   AND m.pruned_at IS NULL
