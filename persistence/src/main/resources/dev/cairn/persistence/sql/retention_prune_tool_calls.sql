-- Replaces tool arguments and results by their digests.
-- Parameters: 1 pruned_at, 2 seq[], 3 arguments_sha256[], 4 result_sha256[], 5 run id
UPDATE tool_invocation t
   SET arguments_sha256 = u.arguments_sha256,
       result_sha256 = u.result_sha256,
       arguments = NULL,
       result = NULL,
       pruned_at = ?
  FROM unnest(?::int[], ?::text[], ?::text[]) AS u (seq, arguments_sha256, result_sha256)
 WHERE t.run_id = ?
   AND t.seq = u.seq
   AND t.pruned_at IS NULL
