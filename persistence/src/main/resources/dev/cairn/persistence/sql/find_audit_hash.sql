-- The seq of the tenant's record with this hash, if any (only when verify found a broken link).
-- Parameters: 1 tenant, 2 hash
SELECT seq FROM audit_event WHERE tenant_id = ? AND hash = ? LIMIT 1
