-- Row-level security: no tenant sees another tenant's rows, even through a query that forgets its
-- tenant filter. Two roles (cluster-wide, shared by every Cairn database of the cluster):
--   cairn_api     the API's requests. Each API transaction runs
--                   SELECT set_config('role', 'cairn_api', true),
--                          set_config('cairn.tenant_id', <tenant>, true)
--                 (transaction-local: nothing is left on a pooled connection) and then sees and
--                 writes only rows of that tenant. It is not the tables' owner, has no BYPASSRLS,
--                 and holds only the privileges the API needs.
--   cairn_engine  the engine, which claims and advances runs of every tenant. The login role that
--                 owns the tables (the datasource user) is made a member of it, and its policy
--                 admits every row. Row security is FORCEd, so the owner is subject to policies too:
--                 a login that is neither a superuser nor a member of cairn_engine sees nothing.
-- Creating the roles needs CREATEROLE (or a superuser). Where the datasource user lacks it, a DBA
-- creates both roles (NOLOGIN) and grants them to that user before the first start.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cairn_api') THEN
        CREATE ROLE cairn_api NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created concurrently by a migration of another database
END
$$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cairn_engine') THEN
        CREATE ROLE cairn_engine NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'cairn_api', 'MEMBER') THEN
        EXECUTE format('GRANT cairn_api TO %I', current_user);
    END IF;
    IF NOT pg_has_role(current_user, 'cairn_engine', 'MEMBER') THEN
        EXECUTE format('GRANT cairn_engine TO %I', current_user);
    END IF;
END
$$;

-- Least privilege for the API role: what the API reads and writes, nothing else. No DELETE, no
-- TRUNCATE, no access to tenant (managed in the engine's scope by platform admins) or to the
-- migration history.
GRANT USAGE ON SCHEMA public TO cairn_api;
GRANT SELECT, INSERT ON agent_definition TO cairn_api;
GRANT USAGE ON SEQUENCE agent_definition_id_seq TO cairn_api;
GRANT SELECT, INSERT ON agent_run TO cairn_api;
GRANT SELECT, INSERT ON run_message TO cairn_api;
GRANT SELECT ON checkpoint TO cairn_api;
GRANT SELECT ON tool_invocation TO cairn_api;
GRANT SELECT ON outbox_event TO cairn_api;
GRANT SELECT ON note TO cairn_api;
GRANT SELECT, INSERT, UPDATE ON api_key TO cairn_api;

-- One pair of policies per tenant-owned table (every table with a tenant_id column).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['agent_definition', 'agent_run', 'checkpoint', 'run_message',
                             'tool_invocation', 'outbox_event', 'note', 'api_key']
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
