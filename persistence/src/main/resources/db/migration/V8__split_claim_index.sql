-- The claim index held every live run keyed by (priority, wake_at), so a claim walked past every
-- WAITING run whose timer lies in the future: with 50,000 parked timers a claim cost ~10 ms even
-- with nothing to do. Ready runs and timers now have their own partial indexes (see
-- claim_runs.sql): ready runs in priority order, timers in due order, where a range scan stops at
-- the first timer that is not due.
DROP INDEX agent_run_claimable_idx;

CREATE INDEX agent_run_ready_idx ON agent_run (priority, wake_at)
    WHERE status IN ('QUEUED', 'RUNNING');

CREATE INDEX agent_run_timer_idx ON agent_run (wake_at)
    WHERE status = 'WAITING';
