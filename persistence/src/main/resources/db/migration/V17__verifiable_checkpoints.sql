-- Verifiable checkpoints. The hash of a checkpoint written from now on (hash_alg 'jcs-sha256/v1')
-- is SHA-256 over the RFC 8785 canonical JSON of every column that matters (see the class
-- dev.cairn.runtime.engine.CheckpointHash and docs/verification.md), chained by prev_hash, so anyone
-- can recompute it from the stored row. Rows written before keep hash_alg 'legacy': their hash was
-- taken over text the database does not keep, and the verifier reports them as unverifiable, never
-- as intact.
ALTER TABLE checkpoint
    ADD COLUMN hash_alg        text   NOT NULL DEFAULT 'legacy',
    ADD COLUMN actor           text,
    ADD COLUMN cost_micros     bigint NOT NULL DEFAULT 0,
    -- Retention drops the bulky payloads of old runs and keeps their digests, which the hash covers.
    ADD COLUMN decision_sha256 text,
    ADD COLUMN outcome_sha256  text,
    ADD COLUMN pruned_at       timestamptz;

ALTER TABLE checkpoint
    ALTER COLUMN decision DROP NOT NULL,
    ALTER COLUMN outcome DROP NOT NULL,
    ADD CONSTRAINT checkpoint_payload_or_digest CHECK (
        (decision IS NOT NULL OR decision_sha256 IS NOT NULL)
        AND (outcome IS NOT NULL OR outcome_sha256 IS NOT NULL));

-- Checkpoints are append-only, enforced here and not only by the code: no DELETE, no TRUNCATE, and
-- the one UPDATE allowed is retention's pruning, which replaces both payloads by their digests once
-- and changes nothing else. (A superuser can still bypass triggers; the hash chain is what makes
-- such an edit visible.)
CREATE FUNCTION checkpoint_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.pruned_at IS NULL
       AND NEW.pruned_at IS NOT NULL
       AND NEW.decision IS NULL AND NEW.outcome IS NULL
       AND NEW.decision_sha256 IS NOT NULL AND NEW.outcome_sha256 IS NOT NULL
       AND (NEW.run_id, NEW.seq, NEW.tenant_id, NEW.kind, NEW.lease_owner, NEW.lease_epoch,
            NEW.input_tokens, NEW.output_tokens, NEW.status_after, NEW.state_after, NEW.prev_hash,
            NEW.hash, NEW.created_at, NEW.hash_alg, NEW.actor, NEW.cost_micros)
           IS NOT DISTINCT FROM
           (OLD.run_id, OLD.seq, OLD.tenant_id, OLD.kind, OLD.lease_owner, OLD.lease_epoch,
            OLD.input_tokens, OLD.output_tokens, OLD.status_after, OLD.state_after, OLD.prev_hash,
            OLD.hash, OLD.created_at, OLD.hash_alg, OLD.actor, OLD.cost_micros) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'checkpoints are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER checkpoint_append_only
    BEFORE UPDATE OR DELETE ON checkpoint
    FOR EACH ROW EXECUTE FUNCTION checkpoint_append_only();

CREATE TRIGGER checkpoint_no_truncate
    BEFORE TRUNCATE ON checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION checkpoint_append_only();
