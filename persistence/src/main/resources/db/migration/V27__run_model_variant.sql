-- The A/B variant a run calls (ADR 0026), chosen once at submission from a hash of the run id and
-- never changed, so reports and audits can group runs by it. Null for runs of definitions without
-- variants. Written only at insert: the step's run update never touches it, and no index covers
-- it, so that update stays HOT. The variant report reads it through the (tenant, agent) index.
ALTER TABLE agent_run ADD COLUMN variant text
    CONSTRAINT agent_run_variant_name CHECK (variant ~ '^[a-z0-9_-]{1,32}$');
