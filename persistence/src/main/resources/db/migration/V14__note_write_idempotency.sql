-- Note writes already applied, by the writing call's idempotency key (run_id:seq). A re-run of
-- the same call (recovery of an idempotent notes_put) finds its key here and writes nothing, so it
-- cannot overwrite a newer value another call wrote to the note in between.
CREATE TABLE note_write (
    tenant_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    agent_name      text        NOT NULL,
    note_key        text        NOT NULL,
    written_by_run  uuid        NOT NULL,
    written_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

-- The API may read it, like note; only the engine writes it.
GRANT SELECT ON note_write TO cairn_api;

-- Row-level security as for every tenant-owned table (see V11__row_level_security.sql).
ALTER TABLE note_write ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_write FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON note_write TO cairn_api
    USING (tenant_id = current_setting('cairn.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('cairn.tenant_id', true));
CREATE POLICY engine_all_tenants ON note_write TO cairn_engine
    USING (true) WITH CHECK (true);
