-- One row per run: the durable state machine's current state plus its lease.
CREATE TABLE agent_run (
    id                     uuid        PRIMARY KEY,
    tenant_id              text        NOT NULL,
    agent_name             text        NOT NULL,
    agent_version          integer     NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'WAITING', 'PAUSED',
                                   'COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED', 'QUARANTINED',
                                   'NEEDS_RECONCILIATION')),
    wait_reason            text,
    input                  jsonb       NOT NULL,
    result                 jsonb,
    error                  jsonb,
    priority               integer     NOT NULL DEFAULT 0,
    wake_at                timestamptz NOT NULL,
    lease_owner            text,
    lease_epoch            bigint      NOT NULL DEFAULT 0,
    lease_expires_at       timestamptz,
    step_count             integer     NOT NULL DEFAULT 0,
    model_calls            integer     NOT NULL DEFAULT 0,
    tool_calls             integer     NOT NULL DEFAULT 0,
    input_tokens           bigint      NOT NULL DEFAULT 0,
    output_tokens          bigint      NOT NULL DEFAULT 0,
    invalid_tool_calls     integer     NOT NULL DEFAULT 0,
    retry_attempt          integer     NOT NULL DEFAULT 0,
    consecutive_recoveries integer     NOT NULL DEFAULT 0,
    pending_tool_calls     jsonb       NOT NULL DEFAULT '[]'::jsonb,
    last_hash              text,
    idempotency_key        text,
    request_hash           text,
    version                bigint      NOT NULL DEFAULT 0,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    finished_at            timestamptz,
    CONSTRAINT agent_run_definition_fk FOREIGN KEY (tenant_id, agent_name, agent_version)
        REFERENCES agent_definition (tenant_id, name, version)
);

-- The claim query reads only live rows: finished runs never enter this index, so it stays
-- small with millions of completed runs in the table.
CREATE INDEX agent_run_claimable_idx ON agent_run (priority, wake_at)
    WHERE status IN ('QUEUED', 'RUNNING', 'WAITING');

-- Heartbeats and graceful release look runs up by owner.
CREATE INDEX agent_run_lease_owner_idx ON agent_run (lease_owner) WHERE lease_owner IS NOT NULL;

-- Idempotent submission: one run per (tenant, key).
CREATE UNIQUE INDEX agent_run_idempotency_key_uq ON agent_run (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- Listing with cursor pagination, newest first, optionally filtered by status or agent.
CREATE INDEX agent_run_listing_idx ON agent_run (tenant_id, created_at DESC, id DESC);
CREATE INDEX agent_run_listing_status_idx ON agent_run (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX agent_run_listing_agent_idx ON agent_run (tenant_id, agent_name, created_at DESC, id DESC);
