-- Operator control: commands as rows, approvals bound to the exact call, budgets per run.

-- Commands an operator gave a run, in the order they were accepted. The API writes a command in
-- the transaction that validates it against the run (holding the run's row lock, so commands of
-- one run are totally ordered by seq); the engine applies pending commands at a step boundary,
-- in seq order, in the same fenced transaction as the step that records them, and marks each one
-- APPLIED or REJECTED (with the reason, e.g. the run finished before the command took effect).
CREATE TABLE operator_command (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    run_id          uuid        NOT NULL REFERENCES agent_run (id),
    seq             bigint      NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('PAUSE', 'RESUME', 'CANCEL', 'STEER',
                                    'APPROVE', 'REJECT', 'RETRY', 'RECONCILE', 'RAISE_BUDGET')),
    payload         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    actor           text        NOT NULL,
    idempotency_key text,
    request_hash    text,
    state           text        NOT NULL DEFAULT 'PENDING'
                                CHECK (state IN ('PENDING', 'APPLIED', 'REJECTED')),
    outcome         text,
    applied_seq     integer,
    created_at      timestamptz NOT NULL,
    applied_at      timestamptz,
    UNIQUE (run_id, seq)
);

-- The claim finds runs with pending commands (whatever their status) through this small index.
CREATE INDEX operator_command_pending_idx ON operator_command (tenant_id, run_id)
    WHERE state = 'PENDING';
CREATE UNIQUE INDEX operator_command_idempotency_key_uq
    ON operator_command (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX operator_command_listing_idx ON operator_command (run_id, seq DESC);

-- One approval record per tool call that needs a person, bound to a hash of
-- (run, seq, tool, arguments): approving applies to exactly those arguments, once.
CREATE TABLE tool_approval (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    run_id          uuid        NOT NULL REFERENCES agent_run (id),
    seq             integer     NOT NULL,
    tool_call_id    text        NOT NULL,
    tool_name       text        NOT NULL,
    arguments       jsonb       NOT NULL,
    arguments_hash  text        NOT NULL,
    state           text        NOT NULL DEFAULT 'PENDING'
                                CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'USED')),
    requested_at    timestamptz NOT NULL,
    decided_by      text,
    decided_at      timestamptz,
    reason          text,
    used_seq        integer,
    UNIQUE (run_id, tool_call_id, arguments_hash)
);

CREATE INDEX tool_approval_pending_idx ON tool_approval (tenant_id, requested_at)
    WHERE state = 'PENDING';
CREATE INDEX tool_approval_run_idx ON tool_approval (run_id);

-- Per run: the last accepted command's seq (the API bumps it under the row lock), the run's
-- effective budget (the definition's, overridden by the submission, raised by operators), spend
-- so far, what the next model call has reserved, the wall-clock deadline, and why the run needs
-- a person (shown in the operator inbox).
ALTER TABLE agent_run ADD COLUMN command_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE agent_run ADD COLUMN budget jsonb;
ALTER TABLE agent_run ADD COLUMN cost_micros bigint NOT NULL DEFAULT 0;
ALTER TABLE agent_run ADD COLUMN reserved_calls integer NOT NULL DEFAULT 0;
ALTER TABLE agent_run ADD COLUMN reserved_tokens bigint NOT NULL DEFAULT 0;
ALTER TABLE agent_run ADD COLUMN reserved_cost_micros bigint NOT NULL DEFAULT 0;
ALTER TABLE agent_run ADD COLUMN deadline_at timestamptz;
ALTER TABLE agent_run ADD COLUMN attention text;

-- The operator inbox: runs that need a person. Only columns a step never changes are indexed
-- (not updated_at, not wait_reason): a step's run update then stays a HOT update.
CREATE INDEX agent_run_attention_idx ON agent_run (tenant_id, created_at DESC, id DESC)
    WHERE status IN ('PAUSED', 'NEEDS_RECONCILIATION', 'QUARANTINED', 'BUDGET_EXCEEDED', 'FAILED');

-- Row-level security, as for every tenant-owned table (V11).
GRANT SELECT, INSERT ON operator_command TO cairn_api;
GRANT SELECT ON tool_approval TO cairn_api;
-- The API takes the run's row lock and bumps command_seq when it accepts a command; it changes no
-- other column of agent_run.
GRANT UPDATE (command_seq) ON agent_run TO cairn_api;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['operator_command', 'tool_approval']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I TO cairn_api'
                       ' USING (tenant_id = current_setting(''cairn.tenant_id'', true))'
                       ' WITH CHECK (tenant_id = current_setting(''cairn.tenant_id'', true))', t);
        EXECUTE format('CREATE POLICY engine_all_tenants ON %I TO cairn_engine'
                       ' USING (true) WITH CHECK (true)', t);
    END LOOP;
END
$$;
