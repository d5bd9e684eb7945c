-- A tenant's chain head. Parameters: 1 tenant
SELECT seq, hash FROM audit_head WHERE tenant_id = ?
