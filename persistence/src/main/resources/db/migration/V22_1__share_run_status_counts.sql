-- The cairn.runs gauge (runs per status) was a full count of agent_run, grouped by status, taken
-- every 15 s by every replica: its cost grew with every finished run ever kept, times the
-- replicas. Now one replica per interval counts (the holder of an advisory lock, when the last
-- count is old enough) and writes the figures here; every replica exposes what this table holds.
-- See ADR 0020 for what each figure means.
CREATE TABLE run_status_count (
    status      text        PRIMARY KEY,
    runs        bigint      NOT NULL CHECK (runs >= 0),
    -- false: counted row by row; true: the planner's estimate (terminal statuses of a large table)
    estimated   boolean     NOT NULL,
    counted_at  timestamptz NOT NULL
);

-- Runs held for an operator, by status, for an index-only count (count_open_runs.sql). Runs in
-- progress are counted through the claim's own partial indexes (agent_run_ready_idx for QUEUED and
-- RUNNING, agent_run_timer_idx for WAITING), so every open status is counted by reading as many
-- index entries as there are open runs, however many closed runs (COMPLETED, FAILED, CANCELLED,
-- BUDGET_EXCEEDED) the table holds. An index on every open status would also match the claim's
-- "status = 'WAITING'": with statistics that saw no waiting run, the claim's generic plan took it
-- and walked every waiting run instead of range-scanning the due timers. No claim filters on these
-- three statuses. Steps rewrite status with the same value, which keeps their updates HOT.
CREATE INDEX agent_run_held_status_idx ON agent_run (status)
    WHERE status IN ('PAUSED', 'NEEDS_RECONCILIATION', 'QUARANTINED');
