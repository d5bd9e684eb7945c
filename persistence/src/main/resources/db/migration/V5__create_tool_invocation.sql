-- Ledger of tool calls: the intent is written before a call with side effects, the result after.
CREATE TABLE tool_invocation (
    run_id          uuid        NOT NULL REFERENCES agent_run (id),
    seq             integer     NOT NULL,
    tenant_id       text        NOT NULL,
    tool_call_id    text        NOT NULL,
    tool_name       text        NOT NULL,
    side_effect     text        NOT NULL CHECK (side_effect IN ('READ_ONLY', 'IDEMPOTENT', 'NON_IDEMPOTENT')),
    idempotency_key text        NOT NULL UNIQUE,
    arguments       jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('INTENT', 'DONE')),
    attempts        integer     NOT NULL DEFAULT 1,
    result          text,
    is_error        boolean     NOT NULL DEFAULT false,
    lease_epoch     bigint      NOT NULL,
    intent_at       timestamptz NOT NULL,
    completed_at    timestamptz,
    PRIMARY KEY (run_id, seq)
);
