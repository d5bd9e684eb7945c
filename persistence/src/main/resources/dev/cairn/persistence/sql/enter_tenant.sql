-- Enters a tenant's scope for the rest of the current transaction: the API role (row-level
-- security, no owner rights) and the tenant the policies admit. Both settings are transaction-local,
-- so nothing outlives the transaction on a pooled connection.
-- Parameters: 1 tenant id
SELECT set_config('role', 'cairn_api', true), set_config('cairn.tenant_id', ?, true)
