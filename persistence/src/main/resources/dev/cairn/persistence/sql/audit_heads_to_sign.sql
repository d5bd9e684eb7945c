-- Every tenant's chain head (seq 0 and the zero hash before its first record) that has no digest
-- for the period yet. Engine scope. Parameters: 1 period start
SELECT t.id, COALESCE(h.seq, 0), COALESCE(h.hash, repeat('0', 64))
  FROM tenant t
  LEFT JOIN audit_head h ON h.tenant_id = t.id
 WHERE NOT EXISTS (SELECT 1 FROM audit_digest d
                    WHERE d.tenant_id = t.id AND d.period_start = ?)
 ORDER BY t.id
