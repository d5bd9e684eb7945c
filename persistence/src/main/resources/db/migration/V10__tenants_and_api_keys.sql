-- Tenants and API keys. Every tenant-owned row already carries tenant_id; this makes tenants real
-- rows that admins create, list and disable, and gives every change an actor.

CREATE TABLE tenant (
    id           text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    display_name text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    disabled_at  timestamptz,
    disabled_by  text
);

-- The default tenant (the quick start's and the platform admin's), and every tenant rows exist for.
INSERT INTO tenant (id, display_name, created_at, created_by)
VALUES ('default', 'Default tenant', now(), 'system');
INSERT INTO tenant (id, display_name, created_at, created_by)
SELECT DISTINCT tenant_id, tenant_id, now(), 'system' FROM agent_definition
ON CONFLICT (id) DO NOTHING;

ALTER TABLE agent_definition
    ADD CONSTRAINT agent_definition_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id);

-- API keys look like cairn_<id>_<secret>. Only a SHA-256 of the secret is stored (the secret is
-- 256 random bits, so a slow hash adds nothing); the id is the lookup key.
CREATE TABLE api_key (
    id           text        PRIMARY KEY CHECK (id ~ '^[a-z0-9]{12}$'),
    tenant_id    text        NOT NULL REFERENCES tenant (id),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    roles        text[]      NOT NULL CHECK (cardinality(roles) > 0
                                 AND roles <@ ARRAY['developer', 'operator', 'auditor', 'admin']),
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz
);

CREATE INDEX api_key_listing_idx ON api_key (tenant_id, created_at DESC, id DESC);

-- The actor of every change: who published a definition version, who submitted a run.
ALTER TABLE agent_definition ADD COLUMN published_by text NOT NULL DEFAULT 'system';
ALTER TABLE agent_definition ALTER COLUMN published_by DROP DEFAULT;
ALTER TABLE agent_run ADD COLUMN submitted_by text NOT NULL DEFAULT 'system';
ALTER TABLE agent_run ALTER COLUMN submitted_by DROP DEFAULT;
