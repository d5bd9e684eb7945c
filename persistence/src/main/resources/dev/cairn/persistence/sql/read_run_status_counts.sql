-- The shared per-status figures, as the last count left them.
SELECT status, runs, estimated, counted_at FROM run_status_count
