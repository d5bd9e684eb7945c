-- Key-value notes written by the built-in note tools, scoped per tenant and agent.
CREATE TABLE note (
    tenant_id       text        NOT NULL,
    agent_name      text        NOT NULL,
    note_key        text        NOT NULL,
    value           text        NOT NULL,
    written_by_run  uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, agent_name, note_key)
);
