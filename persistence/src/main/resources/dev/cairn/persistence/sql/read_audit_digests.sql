-- A tenant's signed digests in the order of the chain position they cover, after a period start
-- (null for all), at most :limit. Parameters: 1 tenant, 2 after, 3 after, 4 limit
SELECT tenant_id, period_start, covers_seq, head_hash, signed_at, key_id, algorithm, signature
  FROM audit_digest
 WHERE tenant_id = ?
   AND (?::timestamptz IS NULL OR period_start > ?)
 ORDER BY period_start
 LIMIT ?
