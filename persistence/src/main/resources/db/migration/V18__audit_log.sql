-- The tamper-evident audit log (ADR 15, docs/audit-log.md).
--
-- Every change the API or the engine makes writes rows that already name their actor (a run's
-- submitted_by, a command's actor, a key's created_by ...). Triggers on those tables turn each
-- change into an audit record in the same transaction, so nothing can change without its record
-- and a refused or rolled-back change leaves none. Records first go to audit_pending; at COMMIT a
-- deferred trigger chains the transaction's records: per tenant, in tenant id order, it locks the
-- tenant's audit_head row, numbers the records, links each to the previous hash and inserts them
-- into audit_event. Head locks are taken only at commit and always in the same order, so two
-- committing transactions never deadlock on them, and the lock is held for the commit alone.
--
-- audit_event and audit_digest are insert-only: the API role may only read them, the owner's
-- UPDATE, DELETE and TRUNCATE privileges are revoked, and triggers refuse all three even to a
-- superuser (who can still switch triggers off: that is what the signed digests are for).

-- One record per change, chained per tenant. hash = audit_hash(prev_hash, seq, fields), see below.
CREATE TABLE audit_event (
    tenant_id    text        NOT NULL,
    seq          bigint      NOT NULL CHECK (seq > 0),
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    target_type  text        NOT NULL,
    target_id    text        NOT NULL,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- The hash algorithm's version (audit_hash below is version 1).
    alg          smallint    NOT NULL DEFAULT 1,
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

-- The query API's filters, each keyset-paged by seq. A time range walks the primary key.
CREATE INDEX audit_event_actor_idx ON audit_event (tenant_id, actor, seq);
CREATE INDEX audit_event_action_idx ON audit_event (tenant_id, action, seq);
CREATE INDEX audit_event_target_idx ON audit_event (tenant_id, target_id, seq);

-- Each tenant's chain head: where the next record links. Locked at commit by the chaining.
CREATE TABLE audit_head (
    tenant_id  text   PRIMARY KEY,
    seq        bigint NOT NULL,
    hash       text   NOT NULL
);

-- Signed statements of a tenant's head, one per tenant per period (exactly one across replicas:
-- the primary key), written also when nothing happened. The signature (Ed25519, key kept outside
-- the database) covers the RFC 8785 form of {tenant, periodStart, coversSeq, headHash, signedAt,
-- keyId}.
CREATE TABLE audit_digest (
    tenant_id     text        NOT NULL,
    period_start  timestamptz NOT NULL,
    covers_seq    bigint      NOT NULL CHECK (covers_seq >= 0),
    head_hash     text        NOT NULL,
    signed_at     timestamptz NOT NULL,
    key_id        text        NOT NULL,
    algorithm     text        NOT NULL DEFAULT 'Ed25519',
    signature     text        NOT NULL,
    PRIMARY KEY (tenant_id, period_start)
);
CREATE INDEX audit_digest_covers_idx ON audit_digest (tenant_id, covers_seq);

-- Records not chained yet. In the default mode ('commit') a row lives only inside its transaction:
-- the chaining at commit deletes it. In the 'async' mode (a session setting, cairn.audit_chain,
-- that the runtime sets on its connections when cairn.audit.chain=async) the row is the durable
-- record of the change, written in the change's transaction, and audit_chain_committed() chains it
-- shortly after commit. So the table is logged. It has no tenant_id column in the row-level security
-- sense: only the audit functions below (security definer) touch it.
CREATE TABLE audit_pending (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid         bigint      NOT NULL DEFAULT txid_current(),
    tenant       text        NOT NULL,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    target_type  text        NOT NULL,
    target_id    text        NOT NULL,
    details      jsonb       NOT NULL
);
CREATE INDEX audit_pending_txid_idx ON audit_pending (txid);
CREATE INDEX audit_pending_tenant_idx ON audit_pending (tenant, id);

-- Version 1 of the link hash: lowercase hex SHA-256 of the UTF-8 text
--   "cairn-audit-v1\n" prev_hash "\n" seq "\n" then, for tenant, at, actor, action, target_type,
--   target_id and details, each as <byte length>":"<value>"\n"
-- where at is ISO 8601 UTC with microseconds (2026-01-31T12:00:00.123456Z) and details is the
-- jsonb's text form (Postgres renders a jsonb value one way only). The length prefixes make the
-- encoding unambiguous. dev.cairn.runtime.audit.chain.AuditHash computes the same in Java.
CREATE FUNCTION audit_field(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT octet_length(value)::text || ':' || value || E'\n' $$;

CREATE FUNCTION audit_hash(prev_hash text, seq bigint, tenant text, at timestamptz, actor text,
                           action text, target_type text, target_id text, details jsonb)
    RETURNS text
    LANGUAGE sql STABLE STRICT
    AS $$
    SELECT encode(sha256(convert_to(
               'cairn-audit-v1' || E'\n' || prev_hash || E'\n' || seq::text || E'\n'
               || audit_field(tenant)
               || audit_field(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
               || audit_field(actor) || audit_field(action) || audit_field(target_type)
               || audit_field(target_id) || audit_field(details::text),
               'UTF8')), 'hex')
    $$;

-- Queues one record in the current transaction.
CREATE FUNCTION audit_record(tenant text, at timestamptz, actor text, action text,
                             target_type text, target_id text, details jsonb)
    RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
    INSERT INTO audit_pending (tenant, at, actor, action, target_type, target_id, details)
    VALUES (tenant, at, COALESCE(actor, 'unknown'), action, target_type, target_id,
            jsonb_strip_nulls(COALESCE(details, '{}'::jsonb)))
    $$;

-- At commit: chains every record the transaction queued. The first firing does all the work (in
-- tenant id order, the one order every committer locks heads in); later firings find nothing.
CREATE FUNCTION audit_chain_pending() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
DECLARE
    tx        bigint := txid_current();
    t         text;
    head_seq  bigint;
    head_hash text;
    p         record;
BEGIN
    -- Asynchronous mode: the records stay, committed with the change, for audit_chain_committed().
    IF current_setting('cairn.audit_chain', true) = 'async' THEN
        RETURN NULL;
    END IF;
    FOR t IN SELECT DISTINCT tenant FROM audit_pending WHERE txid = tx ORDER BY tenant LOOP
        INSERT INTO audit_head (tenant_id, seq, hash) VALUES (t, 0, repeat('0', 64))
            ON CONFLICT (tenant_id) DO NOTHING;
        SELECT h.seq, h.hash INTO head_seq, head_hash
          FROM audit_head h WHERE h.tenant_id = t FOR UPDATE;
        FOR p IN SELECT * FROM audit_pending WHERE txid = tx AND tenant = t ORDER BY id LOOP
            head_seq := head_seq + 1;
            INSERT INTO audit_event (tenant_id, seq, at, actor, action, target_type, target_id,
                                     details, alg, prev_hash, hash)
            VALUES (t, head_seq, p.at, p.actor, p.action, p.target_type, p.target_id, p.details,
                    1, head_hash,
                    audit_hash(head_hash, head_seq, t, p.at, p.actor, p.action, p.target_type,
                               p.target_id, p.details))
            RETURNING hash INTO head_hash;
        END LOOP;
        UPDATE audit_head SET seq = head_seq, hash = head_hash WHERE tenant_id = t;
        DELETE FROM audit_pending WHERE txid = tx AND tenant = t;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER audit_pending_chain
    AFTER INSERT ON audit_pending
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION audit_chain_pending();

-- Asynchronous mode: chains committed records that no commit chained, tenant by tenant in id order,
-- at most max_rows per tenant and call. A tenant whose head another replica holds is skipped (it is
-- being chained). Returns how many records it chained.
CREATE FUNCTION audit_chain_committed(max_rows integer) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
DECLARE
    t         text;
    head_seq  bigint;
    head_hash text;
    ids       bigint[];
    p         record;
    chained   bigint := 0;
BEGIN
    FOR t IN SELECT DISTINCT tenant FROM audit_pending ORDER BY tenant LOOP
        INSERT INTO audit_head (tenant_id, seq, hash) VALUES (t, 0, repeat('0', 64))
            ON CONFLICT (tenant_id) DO NOTHING;
        SELECT h.seq, h.hash INTO head_seq, head_hash
          FROM audit_head h WHERE h.tenant_id = t FOR UPDATE SKIP LOCKED;
        CONTINUE WHEN NOT FOUND;
        ids := '{}';
        FOR p IN SELECT * FROM audit_pending WHERE tenant = t ORDER BY id LIMIT max_rows LOOP
            head_seq := head_seq + 1;
            INSERT INTO audit_event (tenant_id, seq, at, actor, action, target_type, target_id,
                                     details, alg, prev_hash, hash)
            VALUES (t, head_seq, p.at, p.actor, p.action, p.target_type, p.target_id, p.details,
                    1, head_hash,
                    audit_hash(head_hash, head_seq, t, p.at, p.actor, p.action, p.target_type,
                               p.target_id, p.details))
            RETURNING hash INTO head_hash;
            ids := ids || p.id;
            chained := chained + 1;
        END LOOP;
        IF cardinality(ids) > 0 THEN
            UPDATE audit_head SET seq = head_seq, hash = head_hash WHERE tenant_id = t;
            -- Exactly the rows chained: a record committed meanwhile waits for the next call.
            DELETE FROM audit_pending WHERE id = ANY (ids);
        END IF;
    END LOOP;
    RETURN chained;
END
$$;

-- Insert-only, enforced by the database.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is insert-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_insert_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_digest_insert_only BEFORE UPDATE OR DELETE ON audit_digest
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_digest_no_truncate BEFORE TRUNCATE ON audit_digest
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

REVOKE ALL ON audit_event, audit_digest, audit_head, audit_pending FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_digest FROM CURRENT_USER;
REVOKE ALL ON FUNCTION audit_record(text, timestamptz, text, text, text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_chain_pending() FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_chain_committed(integer) FROM PUBLIC;
-- The API reads the log (queries, verify); everything it changes is recorded by the triggers.
GRANT SELECT ON audit_event, audit_digest, audit_head TO cairn_api;

-- Row-level security as for every tenant-owned table (see V11__row_level_security.sql).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['audit_event', 'audit_head', 'audit_digest']
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

-- Enabling a tenant keeps who did it (disabling already does).
ALTER TABLE tenant ADD COLUMN enabled_by text;
ALTER TABLE tenant ADD COLUMN enabled_at timestamptz;

-- The sources: one trigger per kind of change.

-- A run is submitted, or changes status. A status change caused by an operator command names the
-- operator (the command is still PENDING in the step's transaction that applies it); otherwise the
-- engine node holding the lease.
CREATE FUNCTION audit_agent_run() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
DECLARE
    cause     text;
    cmd_id    uuid;
    cmd_actor text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_record(NEW.tenant_id, NEW.created_at, NEW.submitted_by, 'run.submitted',
                             'run', NEW.id::text,
                             jsonb_build_object('agent', NEW.agent_name,
                                                'version', NEW.agent_version,
                                                'status', NEW.status));
        RETURN NULL;
    END IF;
    cause := CASE
        WHEN NEW.status = 'PAUSED' THEN 'PAUSE'
        WHEN NEW.status = 'CANCELLED' THEN 'CANCEL'
        WHEN OLD.status = 'PAUSED' THEN 'RESUME'
        WHEN OLD.status IN ('FAILED', 'QUARANTINED') THEN 'RETRY'
        WHEN OLD.status = 'NEEDS_RECONCILIATION' THEN 'RECONCILE'
        WHEN OLD.status = 'BUDGET_EXCEEDED' THEN 'RAISE_BUDGET'
    END;
    IF cause IS NOT NULL THEN
        SELECT oc.id, oc.actor INTO cmd_id, cmd_actor
          FROM operator_command oc
         WHERE oc.run_id = NEW.id AND oc.state = 'PENDING' AND oc.kind = cause
         ORDER BY oc.seq DESC
         LIMIT 1;
    END IF;
    PERFORM audit_record(NEW.tenant_id, NEW.updated_at,
                         COALESCE(cmd_actor,
                                  'engine:' || COALESCE(OLD.lease_owner, NEW.lease_owner, 'unknown')),
                         'run.status', 'run', NEW.id::text,
                         jsonb_build_object('from', OLD.status, 'to', NEW.status,
                                            'reason', NEW.wait_reason,
                                            'command', cmd_id::text,
                                            -- Anchors the run's checkpoint chain in the signed
                                            -- audit chain: the checkpoint that made the change.
                                            'seq', NEW.step_count,
                                            'checkpointHash', NEW.last_hash));
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_agent_run_insert AFTER INSERT ON agent_run
    FOR EACH ROW EXECUTE FUNCTION audit_agent_run();
CREATE TRIGGER audit_agent_run_status AFTER UPDATE OF status ON agent_run
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION audit_agent_run();

-- An agent version is published.
CREATE FUNCTION audit_agent_definition() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    PERFORM audit_record(NEW.tenant_id, NEW.created_at, NEW.published_by, 'agent.published',
                         'agent', NEW.name,
                         jsonb_build_object('version', NEW.version, 'specHash', NEW.spec_hash));
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_agent_definition_insert AFTER INSERT ON agent_definition
    FOR EACH ROW EXECUTE FUNCTION audit_agent_definition();

-- An operator command is accepted (pause, resume, cancel, steer, retry, reconcile, budget,
-- approve, reject; a bulk command writes one per run).
CREATE FUNCTION audit_operator_command() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    PERFORM audit_record(NEW.tenant_id, NEW.created_at, NEW.actor,
                         'command.' || lower(NEW.kind), 'run', NEW.run_id::text,
                         jsonb_build_object('command', NEW.id::text, 'seq', NEW.seq,
                                            'payload', NEW.payload));
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_operator_command_insert AFTER INSERT ON operator_command
    FOR EACH ROW EXECUTE FUNCTION audit_operator_command();

-- API keys are created and revoked.
CREATE FUNCTION audit_api_key() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_record(NEW.tenant_id, NEW.created_at, NEW.created_by, 'api_key.created',
                             'api_key', NEW.id,
                             jsonb_build_object('name', NEW.name, 'roles', to_jsonb(NEW.roles),
                                                'expiresAt', NEW.expires_at));
    ELSE
        PERFORM audit_record(NEW.tenant_id, NEW.revoked_at, NEW.revoked_by, 'api_key.revoked',
                             'api_key', NEW.id, '{}'::jsonb);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_api_key_insert AFTER INSERT ON api_key
    FOR EACH ROW EXECUTE FUNCTION audit_api_key();
CREATE TRIGGER audit_api_key_revoke AFTER UPDATE OF revoked_at ON api_key
    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
    EXECUTE FUNCTION audit_api_key();

-- Tenants are created, disabled and enabled (in the tenant's own chain).
CREATE FUNCTION audit_tenant() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_record(NEW.id, NEW.created_at, NEW.created_by, 'tenant.created',
                             'tenant', NEW.id, jsonb_build_object('displayName', NEW.display_name));
    ELSIF NEW.disabled_at IS NOT NULL THEN
        PERFORM audit_record(NEW.id, NEW.disabled_at, NEW.disabled_by, 'tenant.disabled',
                             'tenant', NEW.id, '{}'::jsonb);
    ELSE
        PERFORM audit_record(NEW.id, COALESCE(NEW.enabled_at, now()), NEW.enabled_by,
                             'tenant.enabled', 'tenant', NEW.id, '{}'::jsonb);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_tenant_insert AFTER INSERT ON tenant
    FOR EACH ROW EXECUTE FUNCTION audit_tenant();
CREATE TRIGGER audit_tenant_state AFTER UPDATE OF disabled_at ON tenant
    FOR EACH ROW WHEN (OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
    EXECUTE FUNCTION audit_tenant();

-- Webhook subscriptions are created and deleted; deliveries are sent again.
CREATE FUNCTION audit_webhook() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    IF TG_TABLE_NAME = 'webhook_delivery' THEN
        PERFORM audit_record(NEW.tenant_id, NEW.redelivered_at, NEW.redelivered_by,
                             'webhook.redelivered', 'webhook_delivery', NEW.id::text,
                             jsonb_build_object('subscription', NEW.subscription_id::text,
                                                'run', NEW.run_id::text, 'seq', NEW.seq));
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM audit_record(NEW.tenant_id, NEW.created_at, NEW.created_by, 'webhook.created',
                             'webhook', NEW.id::text,
                             jsonb_build_object('url', NEW.url,
                                                'eventTypes', to_jsonb(NEW.event_types)));
    ELSE
        PERFORM audit_record(NEW.tenant_id, NEW.deleted_at, NEW.deleted_by, 'webhook.deleted',
                             'webhook', NEW.id::text, '{}'::jsonb);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_webhook_insert AFTER INSERT ON webhook_subscription
    FOR EACH ROW EXECUTE FUNCTION audit_webhook();
CREATE TRIGGER audit_webhook_delete AFTER UPDATE OF deleted_at ON webhook_subscription
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
    EXECUTE FUNCTION audit_webhook();
CREATE TRIGGER audit_webhook_redeliver AFTER UPDATE OF redelivered_at ON webhook_delivery
    FOR EACH ROW WHEN (NEW.redelivered_at IS DISTINCT FROM OLD.redelivered_at)
    EXECUTE FUNCTION audit_webhook();
