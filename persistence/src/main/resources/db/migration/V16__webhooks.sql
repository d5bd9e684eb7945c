-- Webhook subscriptions and their deliveries (ADR 14).
--
-- A tenant subscribes a URL to event types of its runs. The webhook dispatcher (the "webhooks"
-- consumer of the run event log, V15) reads events after its cursors and, in one transaction,
-- inserts one delivery per matching subscription and moves its cursors past the events: a
-- delivery is created exactly once per (subscription, event), also across crashes (and the unique
-- key below makes a second insert a no-op). Delivery workers claim due deliveries with
-- FOR UPDATE SKIP LOCKED, post outside any transaction, and record the outcome: DELIVERED, or a
-- retry at a later time, or DEAD after the last attempt. Operators list the dead ones and send
-- them again.

CREATE TABLE webhook_subscription (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    url          text        NOT NULL CHECK (length(url) <= 2000),
    -- Event types without the CloudEvents prefix (run.completed); empty means every type.
    event_types  text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(event_types) <= 32),
    description  text        CHECK (length(description) <= 200),
    -- The signing secret, sealed (AES-GCM under cairn.webhooks.secret-key) or, without a key,
    -- marked plain. Never returned by the API after creation.
    secret       text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    -- A deleted subscription stays as the parent of its delivery history; it gets no deliveries.
    deleted_by   text,
    deleted_at   timestamptz
);

-- Fan-out and listing: a tenant's live subscriptions.
CREATE INDEX webhook_subscription_tenant_idx ON webhook_subscription (tenant_id, created_at)
    WHERE deleted_at IS NULL;

CREATE TABLE webhook_delivery (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    subscription_id  uuid        NOT NULL REFERENCES webhook_subscription (id),
    -- The event (outbox_event's key) and a copy of what its CloudEvent is rendered from, so a
    -- delivery can be sent, and sent again, after the event log was pruned.
    run_id           uuid        NOT NULL,
    seq              integer     NOT NULL,
    event_type       text        NOT NULL,
    agent_name       text        NOT NULL,
    event_time       timestamptz NOT NULL,
    event_data       jsonb       NOT NULL,
    state            text        NOT NULL DEFAULT 'PENDING'
                                 CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         integer     NOT NULL DEFAULT 0,
    -- When PENDING: when the next attempt is due; while an attempt is in flight, when its claim
    -- expires (a worker that died then leaves it to another).
    next_attempt_at  timestamptz NOT NULL,
    -- The in-flight attempt's fence: its outcome is recorded only while the token still matches.
    claim_token      uuid,
    last_attempt_at  timestamptz,
    last_status      integer,
    last_error       text        CHECK (length(last_error) <= 500),
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    dead_at          timestamptz,
    redelivered_by   text,
    redelivered_at   timestamptz,
    UNIQUE (subscription_id, run_id, seq)
);

-- Delivery workers: the due ones.
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at)
    WHERE state = 'PENDING';
-- Operators: a tenant's deliveries in one state (the dead letters), newest first.
CREATE INDEX webhook_delivery_listing_idx
    ON webhook_delivery (tenant_id, state, created_at DESC, id DESC);
-- The dead-letter gauge.
CREATE INDEX webhook_delivery_dead_idx ON webhook_delivery (dead_at) WHERE state = 'DEAD';
-- Retention: finished deliveries by age.
CREATE INDEX webhook_delivery_finished_idx ON webhook_delivery (created_at)
    WHERE state <> 'PENDING';

-- Least privilege for the API role: it creates, reads and deletes (marks deleted) subscriptions,
-- reads deliveries and sends one again (back to PENDING); workers and the dispatcher act in the
-- engine's scope.
GRANT SELECT, INSERT ON webhook_subscription TO cairn_api;
GRANT UPDATE (deleted_by, deleted_at) ON webhook_subscription TO cairn_api;
GRANT SELECT ON webhook_delivery TO cairn_api;
GRANT UPDATE (state, attempts, next_attempt_at, claim_token, delivered_at, dead_at,
              redelivered_by, redelivered_at) ON webhook_delivery TO cairn_api;

-- Row-level security as for every tenant-owned table (see V11__row_level_security.sql).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['webhook_subscription', 'webhook_delivery']
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
