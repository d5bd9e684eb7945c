-- Forks: a run that copies another run's history up to a seq and continues live from there,
-- possibly on another agent version, another model, or with an edited message. The fork records
-- its origin; the original is never touched.
ALTER TABLE agent_run
    ADD COLUMN forked_from    uuid REFERENCES agent_run (id),
    ADD COLUMN forked_at_seq  integer CHECK (forked_at_seq >= 0),
    -- What the fork changed (agentVersion, model, editedMessage), for auditors.
    ADD COLUMN fork_changes   jsonb,
    -- A model that replaces the definition's for this run only (a fork on another model).
    ADD COLUMN model_override jsonb,
    ADD CONSTRAINT agent_run_fork_origin CHECK ((forked_from IS NULL) = (forked_at_seq IS NULL));

-- A fork writes its copied checkpoints in the API's tenant scope (still append-only: V17's
-- triggers refuse any change after the insert).
GRANT INSERT ON checkpoint TO cairn_api;
