-- Serializes subscription changes of one tenant for the rest of the transaction, so the count
-- checked before an insert is still the count when it commits. Parameters: 1 tenant id
SELECT pg_advisory_xact_lock(hashtextextended('cairn.webhooks:' || ?, 0))
