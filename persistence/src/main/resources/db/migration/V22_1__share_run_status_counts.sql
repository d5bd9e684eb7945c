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

-- Open runs (in progress, or held for an operator), by status, for an index-only count: the count
-- reads as many index entries as there are open runs, however many closed runs (COMPLETED, FAILED,
-- CANCELLED, BUDGET_EXCEEDED) the table holds. Steps rewrite status with the same value, which
-- keeps their updates HOT.
CREATE INDEX agent_run_open_status_idx ON agent_run (status)
    WHERE status IN ('QUEUED', 'RUNNING', 'WAITING', 'PAUSED', 'NEEDS_RECONCILIATION', 'QUARANTINED');
