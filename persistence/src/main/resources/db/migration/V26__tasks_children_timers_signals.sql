-- Task graphs, child runs, durable timers and signals (ADR 0024).
--
-- Everything here is written by step tools in their step's fenced transaction (plan, delegate,
-- sleep, wait_for_signal), except signals, which the API accepts. Nothing below is read or written
-- by a step of a run that uses none of these tools, and no index covers a column the step update
-- writes: the hot path's run update stays a HOT update.

-- A child run knows its parent, the parent's call that started it, its place among that call's
-- children and the subtask it works on. Written once, at insert; never changed.
ALTER TABLE agent_run ADD COLUMN parent_run_id uuid;
ALTER TABLE agent_run ADD COLUMN parent_call_id text;
ALTER TABLE agent_run ADD COLUMN parent_task_id text;
ALTER TABLE agent_run ADD COLUMN child_ordinal smallint;
CREATE INDEX agent_run_parent_idx ON agent_run (parent_run_id, parent_call_id)
    WHERE parent_run_id IS NOT NULL;

-- A run's subtasks: a DAG under the run's root task (the run itself). The plan tool checks the
-- graph before it writes (ids unique per run, dependencies known, no cycle, bounded size).
CREATE TABLE run_task (
    run_id       uuid        NOT NULL REFERENCES agent_run (id),
    task_id      text        NOT NULL,
    tenant_id    text        NOT NULL,
    title        text        NOT NULL,
    depends_on   text[]      NOT NULL DEFAULT '{}',
    state        text        NOT NULL CHECK (state IN ('OPEN', 'DONE', 'FAILED')),
    note         text,
    child_run_id uuid,
    created_seq  integer     NOT NULL,
    updated_seq  integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (run_id, task_id)
);

-- The due time of a waiting call (sleep, or a signal wait's timeout), keyed by the call: a call
-- that runs again (after a wake, a pause and resume, or a crash and a take-over) finds its due
-- time here instead of starting a new wait.
CREATE TABLE run_timer (
    run_id      uuid        NOT NULL REFERENCES agent_run (id),
    call_id     text        NOT NULL,
    tenant_id   text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('SLEEP', 'SIGNAL')),
    due_at      timestamptz,
    signal_name text,
    created_seq integer     NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (run_id, call_id)
);

-- Signals sent to runs over the API. A signal waits, unconsumed, until a wait_for_signal call of
-- its run with the same name takes it (the oldest first), in that call's step.
CREATE TABLE run_signal (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    run_id           uuid        NOT NULL REFERENCES agent_run (id),
    name             text        NOT NULL,
    payload          jsonb       NOT NULL,
    sent_by          text        NOT NULL,
    idempotency_key  text,
    request_hash     text,
    created_at       timestamptz NOT NULL,
    consumed_seq     integer,
    consumed_call_id text,
    consumed_at      timestamptz
);
CREATE INDEX run_signal_unconsumed_idx ON run_signal (run_id, name, created_at)
    WHERE consumed_seq IS NULL;
CREATE INDEX run_signal_run_idx ON run_signal (run_id, created_at);
CREATE UNIQUE INDEX run_signal_idempotency_key_uq ON run_signal (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- A child that finishes wakes its parent if the parent waits for its children. The parent's row
-- is locked first, whatever its state: a parent committing its wait at the same moment either
-- commits first (and is woken here) or sees this child finished when its own commit re-checks.
-- Fires only on a child's transition to a final status (the WHEN clause costs a plain run's step
-- nothing but the clause).
CREATE FUNCTION wake_parent_of_finished_child() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM 1 FROM agent_run WHERE id = NEW.parent_run_id FOR NO KEY UPDATE;
    UPDATE agent_run
       SET wake_at = LEAST(wake_at, NEW.updated_at)
     WHERE id = NEW.parent_run_id
       AND status = 'WAITING'
       AND wait_reason = 'CHILDREN';
    IF FOUND THEN
        PERFORM pg_notify('cairn_runnable', '');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER agent_run_wake_parent AFTER UPDATE OF status ON agent_run
    FOR EACH ROW
    WHEN (NEW.parent_run_id IS NOT NULL
          AND OLD.status IS DISTINCT FROM NEW.status
          AND NEW.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED', 'QUARANTINED'))
    EXECUTE FUNCTION wake_parent_of_finished_child();

-- Cancels the unfinished children of a run: one CANCEL command per child, numbered under the
-- child's row lock like an operator's, applied by the engine like an operator's. Used when a
-- parent is cancelled (cascading down the tree, as each child's cancel cascades in turn) and when
-- a join on the first child leaves the others behind.
CREATE FUNCTION cancel_children(parent uuid, only_call text, actor text, at timestamptz)
    RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    child record;
    n     integer := 0;
BEGIN
    FOR child IN
        SELECT r.id, r.tenant_id
          FROM agent_run r
         WHERE r.parent_run_id = parent
           AND (only_call IS NULL OR r.parent_call_id = only_call)
           AND r.status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED', 'QUARANTINED')
           AND NOT EXISTS (SELECT 1 FROM operator_command oc
                            WHERE oc.run_id = r.id AND oc.kind = 'CANCEL' AND oc.state = 'PENDING')
         ORDER BY r.id
    LOOP
        WITH bumped AS (
            UPDATE agent_run SET command_seq = command_seq + 1 WHERE id = child.id
            RETURNING command_seq)
        INSERT INTO operator_command (id, tenant_id, run_id, seq, kind, payload, actor, state,
                                      created_at)
        SELECT gen_random_uuid(), child.tenant_id, child.id, bumped.command_seq, 'CANCEL',
               '{}'::jsonb, actor, 'PENDING', at
          FROM bumped;
        PERFORM pg_notify('cairn_command', child.id::text || ':CANCEL');
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

CREATE FUNCTION cancel_children_of_cancelled_run() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM cancel_children(NEW.id, NULL, 'run:' || NEW.id::text, NEW.updated_at);
    RETURN NULL;
END
$$;
CREATE TRIGGER agent_run_cancel_children AFTER UPDATE OF status ON agent_run
    FOR EACH ROW
    WHEN (NEW.status = 'CANCELLED' AND OLD.status IS DISTINCT FROM 'CANCELLED')
    EXECUTE FUNCTION cancel_children_of_cancelled_run();

-- A signal is audited like every change made over the API.
CREATE FUNCTION audit_run_signal() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    PERFORM audit_record(NEW.tenant_id, NEW.created_at, NEW.sent_by, 'run.signalled',
                         'run', NEW.run_id::text,
                         jsonb_build_object('signal', NEW.id::text, 'name', NEW.name));
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_run_signal_insert AFTER INSERT ON run_signal
    FOR EACH ROW EXECUTE FUNCTION audit_run_signal();

-- The API reads tasks and timers, sends signals and wakes a run waiting for one.
GRANT SELECT ON run_task, run_timer TO cairn_api;
GRANT SELECT, INSERT ON run_signal TO cairn_api;
GRANT UPDATE (wake_at) ON agent_run TO cairn_api;

-- Row-level security, as for every tenant-owned table (V11).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['run_task', 'run_timer', 'run_signal']
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
