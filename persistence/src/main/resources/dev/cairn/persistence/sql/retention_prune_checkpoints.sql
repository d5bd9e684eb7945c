-- Replaces checkpoint payloads by their digests: the one update the V17 trigger allows.
-- Parameters: 1 pruned_at, 2 seq[], 3 decision_sha256[], 4 outcome_sha256[], 5 run id
UPDATE checkpoint c
   SET decision_sha256 = u.decision_sha256,
       outcome_sha256 = u.outcome_sha256,
       decision = NULL,
       outcome = NULL,
       pruned_at = ?
  FROM unnest(?::int[], ?::text[], ?::text[]) AS u (seq, decision_sha256, outcome_sha256)
 WHERE c.run_id = ?
   AND c.seq = u.seq
   AND c.pruned_at IS NULL
