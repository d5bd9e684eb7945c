-- A page of the caller's tenant's audit events in seq order, after a seq, each filter optional
-- (null matches everything). Runs in the tenant's scope; the indexes on (tenant_id, actor, seq),
-- (tenant_id, action, seq) and (tenant_id, target_id, seq) serve the filters, the primary key the
-- rest. Parameters: 1 tenant, 2 after seq, 3 actor, 4 actor, 5 action, 6 action, 7 target id,
-- 8 target id, 9 from, 10 from, 11 to, 12 to, 13 limit
SELECT seq, at, actor, action, target_type, target_id, details::text, alg, prev_hash, hash
  FROM audit_event
 WHERE tenant_id = ?
   AND seq > ?
   AND (?::text IS NULL OR actor = ?)
   AND (?::text IS NULL OR action = ?)
   AND (?::text IS NULL OR target_id = ?)
   AND (?::timestamptz IS NULL OR at >= ?)
   AND (?::timestamptz IS NULL OR at < ?)
 ORDER BY seq
 LIMIT ?
