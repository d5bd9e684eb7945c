-- Running summaries of runs' older turns (short-term memory). Each summary is made by a
-- checkpointed model call and written in that step's transaction; it covers the run's messages
-- from_idx..to_idx, which stay in run_message for auditors. A claim loads the latest summary and
-- only the messages after it. Append-only: a new summary supersedes, never updates, the last one.
CREATE TABLE run_summary (
    run_id          uuid        NOT NULL REFERENCES agent_run (id),
    seq             integer     NOT NULL CHECK (seq > 0),
    tenant_id       text        NOT NULL,
    from_idx        integer     NOT NULL CHECK (from_idx >= 0),
    to_idx          integer     NOT NULL,
    text            text        NOT NULL,
    assistant_turns integer     NOT NULL CHECK (assistant_turns >= 0),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (run_id, seq),
    CHECK (to_idx >= from_idx)
);

-- Auditors read summaries through the API's tenant scope. The engine writes them with steps; the
-- API inserts one only when a fork starts from a summarised point (copied with the fork).
GRANT SELECT, INSERT ON run_summary TO cairn_api;

ALTER TABLE run_summary ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_summary FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON run_summary TO cairn_api
    USING (tenant_id = current_setting('cairn.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('cairn.tenant_id', true));
CREATE POLICY engine_all_tenants ON run_summary TO cairn_engine
    USING (true) WITH CHECK (true);
