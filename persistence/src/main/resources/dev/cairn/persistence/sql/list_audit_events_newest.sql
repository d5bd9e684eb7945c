-- A page of the caller's tenant's audit events newest first: below a seq (and after one), each
-- filter optional (null matches everything). Runs in the tenant's scope; the same indexes as
-- list_audit_events serve it, read backwards. Parameters: 1 tenant, 2 after seq, 3 before seq,
-- 4 actor, 5 actor, 6 action, 7 action, 8 target id, 9 target id, 10 from, 11 from, 12 to, 13 to,
-- 14 limit
SELECT seq, at, actor, action, target_type, target_id, details::text, alg, prev_hash, hash
  FROM audit_event
 WHERE tenant_id = ?
   AND seq > ?
   AND seq < ?
   AND (?::text IS NULL OR actor = ?)
   AND (?::text IS NULL OR action = ?)
   AND (?::text IS NULL OR target_id = ?)
   AND (?::timestamptz IS NULL OR at >= ?)
   AND (?::timestamptz IS NULL OR at < ?)
 ORDER BY seq DESC
 LIMIT ?
