-- Replaces the shared per-status figures (every status, one row each).
-- Parameters: 1 statuses (text[]), 2 runs (bigint[]), 3 estimated (boolean[]), 4 counted_at
INSERT INTO run_status_count (status, runs, estimated, counted_at)
SELECT c.status, c.runs, c.estimated, ?
  FROM unnest(?::text[], ?::bigint[], ?::boolean[]) AS c (status, runs, estimated)
ON CONFLICT (status) DO UPDATE
   SET runs = EXCLUDED.runs,
       estimated = EXCLUDED.estimated,
       counted_at = EXCLUDED.counted_at
