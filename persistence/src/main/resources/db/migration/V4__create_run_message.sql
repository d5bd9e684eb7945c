-- The run's conversation, appended once by the step that produced each message.
CREATE TABLE run_message (
    run_id       uuid        NOT NULL REFERENCES agent_run (id),
    idx          integer     NOT NULL CHECK (idx >= 0),
    tenant_id    text        NOT NULL,
    seq          integer     NOT NULL,
    role         text        NOT NULL CHECK (role IN ('SYSTEM', 'USER', 'ASSISTANT', 'TOOL')),
    content      text,
    tool_calls   jsonb,
    tool_call_id text,
    tool_name    text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (run_id, idx)
);
