-- The log's head for a new reader: every event of a transaction older than the oldest one still
-- running is behind (xmin, 0); every event that is not readable yet comes after it.
SELECT pg_snapshot_xmin(pg_current_snapshot())::text
