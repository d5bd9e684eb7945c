-- A tenant's signed digests in the order of the chain position they cover, for verify.
-- Parameters: 1 tenant
SELECT tenant_id, period_start, covers_seq, head_hash, signed_at, key_id, algorithm, signature
  FROM audit_digest
 WHERE tenant_id = ?
 ORDER BY covers_seq, period_start
