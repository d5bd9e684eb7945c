-- Agent definitions are immutable: publishing under an existing name adds a version.
CREATE TABLE agent_definition (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL,
    name        text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    spec        jsonb       NOT NULL,
    spec_hash   text        NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT agent_definition_name_version_uq UNIQUE (tenant_id, name, version)
);
