-- Long-term memory (ADR 23, docs/memory.md).
--
-- An item is one key of an agent's memory in a tenant (and optionally an end user's namespace).
-- Every write, by the agent through a step tool or by a person over the API, inserts a new version;
-- forgetting inserts a tombstone. Versions are never changed or deleted (triggers below), so the
-- history is the record auditors read and "memory as of a step" is a query.
--
-- Numbering cannot lose an update: a writer first upserts the item row and takes the next number
-- (INSERT ... ON CONFLICT DO UPDATE SET head_version = head_version + 1 RETURNING head_version).
-- The row lock it takes makes a second writer of the same item wait for the first's commit and
-- then take the number after it; both versions exist, numbered in commit order. A step's version is
-- written by the step's own commit (after the lease fence), so it exists exactly when the step's
-- checkpoint does.

CREATE TABLE memory_item (
    id            uuid        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    agent_name    text        NOT NULL,
    -- An end user's (or any other) partition of the agent's memory; '' is the agent's own.
    namespace     text        NOT NULL DEFAULT '' CHECK (length(namespace) <= 200),
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    created_at    timestamptz NOT NULL,
    -- The newest version's number and time (a tombstone is a version too).
    head_version  integer     NOT NULL CHECK (head_version > 0),
    updated_at    timestamptz NOT NULL,
    UNIQUE (tenant_id, agent_name, namespace, key)
);

-- Bounded candidate sets for recall and listing: an agent's items, newest first.
CREATE INDEX memory_item_recent_idx
    ON memory_item (tenant_id, agent_name, namespace, updated_at DESC, id);

CREATE TABLE memory_version (
    item_id      uuid        NOT NULL REFERENCES memory_item (id),
    version      integer     NOT NULL CHECK (version > 0),
    tenant_id    text        NOT NULL,
    -- The text, stored and returned as data ('' for a tombstone). Never system instructions.
    content      text        NOT NULL CHECK (octet_length(content) <= 8192),
    -- Where the text came from: the agent's own words, a tool's answer, the web, or a person.
    origin       text        NOT NULL CHECK (origin IN ('agent', 'tool', 'web', 'person')),
    -- Optional detail of the origin (a tool's name, a URL).
    source       text        CHECK (length(source) <= 500),
    -- Only a person's text may be pinned (offered to the agent's context by the context builder).
    pinned       boolean     NOT NULL DEFAULT false CHECK (NOT pinned OR origin = 'person'),
    tombstone    boolean     NOT NULL DEFAULT false CHECK (NOT tombstone OR content = ''),
    -- Provenance: the run and step that wrote it (none for a person), who, and when.
    run_id       uuid,
    seq          integer     CHECK (seq > 0),
    actor        text        NOT NULL CHECK (length(actor) <= 300),
    created_at   timestamptz NOT NULL,
    -- all-MiniLM-L6-v2, L2-normalised (so cosine similarity is the dot product); null for
    -- tombstones. With pgvector installed a vector(384) copy and its index are added at startup.
    embedding    real[]      CHECK (embedding IS NULL OR cardinality(embedding) = 384),
    tsv          tsvector    GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
    PRIMARY KEY (item_id, version),
    CHECK ((run_id IS NULL) = (seq IS NULL))
);

-- One version per item and step at most: a commit repeated after an unknown outcome fails instead
-- of writing a second version.
CREATE UNIQUE INDEX memory_version_step_idx ON memory_version (run_id, seq, item_id)
    WHERE run_id IS NOT NULL;
-- "As of" reads and history by time.
CREATE INDEX memory_version_time_idx ON memory_version (tenant_id, created_at);
-- Full-text search.
CREATE INDEX memory_version_tsv_idx ON memory_version USING gin (tsv);

-- Cosine similarity of two L2-normalised embeddings, without pgvector.
CREATE FUNCTION memory_dot(a real[], b real[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT sum(x::double precision * y) FROM unnest(a, b) AS t(x, y) $$;

-- Versions are insert-only, enforced by the database (as checkpoints, V17).
CREATE FUNCTION memory_version_insert_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'memory versions are insert-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER memory_version_insert_only BEFORE UPDATE OR DELETE ON memory_version
    FOR EACH ROW EXECUTE FUNCTION memory_version_insert_only();
CREATE TRIGGER memory_version_no_truncate BEFORE TRUNCATE ON memory_version
    FOR EACH STATEMENT EXECUTE FUNCTION memory_version_insert_only();

-- A person's change is recorded in the tenant's audit log (V18), in the same transaction. The
-- agent's writes are recorded in its run's hash-chained checkpoints (the step's effects).
CREATE FUNCTION audit_memory_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    PERFORM audit_record(NEW.tenant_id, NEW.created_at, NEW.actor,
                         CASE WHEN NEW.tombstone THEN 'memory.deleted' ELSE 'memory.written' END,
                         'memory', NEW.item_id::text,
                         jsonb_build_object('version', NEW.version, 'pinned', NEW.pinned));
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_memory_version_insert AFTER INSERT ON memory_version
    FOR EACH ROW WHEN (NEW.origin = 'person')
    EXECUTE FUNCTION audit_memory_version();

-- Least privilege for the API role: people add versions and move an item's head; nothing else.
GRANT SELECT, INSERT ON memory_item TO cairn_api;
GRANT UPDATE (head_version, updated_at) ON memory_item TO cairn_api;
GRANT SELECT, INSERT ON memory_version TO cairn_api;

-- Row-level security as for every tenant-owned table (see V11__row_level_security.sql).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['memory_item', 'memory_version']
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
