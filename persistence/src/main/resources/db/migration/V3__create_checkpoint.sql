-- One immutable checkpoint per committed step, hash-chained per run.
CREATE TABLE checkpoint (
    run_id        uuid        NOT NULL REFERENCES agent_run (id),
    seq           integer     NOT NULL CHECK (seq > 0),
    tenant_id     text        NOT NULL,
    kind          text        NOT NULL,
    lease_owner   text        NOT NULL,
    lease_epoch   bigint      NOT NULL,
    decision      jsonb       NOT NULL,
    outcome       jsonb       NOT NULL,
    input_tokens  integer     NOT NULL DEFAULT 0,
    output_tokens integer     NOT NULL DEFAULT 0,
    status_after  text        NOT NULL,
    state_after   jsonb       NOT NULL,
    prev_hash     text,
    hash          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (run_id, seq)
);
