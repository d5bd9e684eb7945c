-- MCP servers' tool catalogues, pinned by hash and approved by a platform admin. Servers are
-- declared in the installation's configuration and serve every tenant (as built-in tools do), so
-- the table is installation-wide, like tenant: no tenant_id, no row security, no grant to the API
-- role; it is read and written in the engine's scope by platform admins only. One row per server
-- holds the approved catalogue (names, descriptions, input schemas and their hashes): the text a
-- model may see. A live catalogue that differs is shown to admins, never to models.
CREATE TABLE mcp_catalog_approval (
    server       text        PRIMARY KEY CHECK (server ~ '^[a-z0-9][a-z0-9-]{0,29}$'),
    catalog_hash text        NOT NULL CHECK (catalog_hash ~ '^[0-9a-f]{64}$'),
    tools        jsonb       NOT NULL CHECK (jsonb_typeof(tools) = 'array'),
    approved_at  timestamptz NOT NULL,
    approved_by  text        NOT NULL
);

-- Every approval is audited in the platform tenant's chain (the admins who approve belong to it).
CREATE FUNCTION audit_mcp_catalog_approval() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    PERFORM audit_record('default', NEW.approved_at, NEW.approved_by, 'mcp.catalog_approved',
                         'mcp_server', NEW.server,
                         jsonb_build_object('hash', NEW.catalog_hash,
                                            'tools', jsonb_array_length(NEW.tools)));
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_mcp_catalog_approval AFTER INSERT OR UPDATE ON mcp_catalog_approval
    FOR EACH ROW EXECUTE FUNCTION audit_mcp_catalog_approval();
