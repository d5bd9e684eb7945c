-- Retention of bulky run payloads (ADR 0018, docs/retention.md). An agent definition may say that
-- the payloads of its finished runs are dropped after N days; what proves the run happened stays:
-- every hash, the digest of each dropped payload, the checkpoint chain, token and cost figures.
--
-- checkpoint: V17 added decision_sha256, outcome_sha256 and pruned_at, and a trigger that allows
-- exactly the pruning update (digests set, payloads nulled) and nothing else.
--
-- run_message: the conversation. content (text) and tool_calls (JSON) are replaced by their
-- SHA-256 (UTF-8 bytes of the text; RFC 8785 canonical JSON of the calls).
ALTER TABLE run_message ADD COLUMN content_sha256 text;
ALTER TABLE run_message ADD COLUMN tool_calls_sha256 text;
ALTER TABLE run_message ADD COLUMN pruned_at timestamptz;

-- tool_invocation: the ledger of tool calls. The row (tool, idempotency key, status, times) stays;
-- the arguments (canonical JSON digest) and the result (UTF-8 digest) go.
ALTER TABLE tool_invocation ALTER COLUMN arguments DROP NOT NULL;
ALTER TABLE tool_invocation ADD COLUMN arguments_sha256 text;
ALTER TABLE tool_invocation ADD COLUMN result_sha256 text;
ALTER TABLE tool_invocation ADD COLUMN pruned_at timestamptz;

-- A run whose payloads were all pruned. Set once, by the pruner, after its last batch.
ALTER TABLE agent_run ADD COLUMN payloads_pruned_at timestamptz;

-- The pruner's work list: per definition version that has a retention policy, its finished runs
-- not yet pruned, oldest finish first. Only statuses no command can revive are listed (FAILED and
-- QUARANTINED runs may be retried, which needs their conversation). A step's run update never
-- changes these columns except on the step that finishes the run (which already leaves the
-- claim index), so steps stay HOT updates.
CREATE INDEX agent_run_retention_idx
    ON agent_run (tenant_id, agent_name, agent_version, finished_at)
    WHERE payloads_pruned_at IS NULL AND status IN ('COMPLETED', 'CANCELLED', 'BUDGET_EXCEEDED');
