-- The next checkpoints to prune: v1 hashes only (a legacy hash covers the payloads themselves, so
-- dropping them would leave it unverifiable). Parameters: 1 run id, 2 after seq, 3 limit
SELECT seq, decision::text, outcome::text
  FROM checkpoint
 WHERE run_id = ?
   AND seq > ?
   AND pruned_at IS NULL
   AND hash_alg = 'jcs-sha256/v1'
 ORDER BY seq
 LIMIT ?
