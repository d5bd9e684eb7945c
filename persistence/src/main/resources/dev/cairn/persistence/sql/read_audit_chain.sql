-- A tenant's whole chain in seq order, read through a cursor (constant memory).
-- Parameters: 1 tenant
SELECT seq, at, actor, action, target_type, target_id, details::text, alg, prev_hash, hash
  FROM audit_event
 WHERE tenant_id = ?
 ORDER BY seq
