-- The run an audit read starts from, with the definition version it pinned (row-level security
-- confines it to the caller's tenant). Parameters: 1 run id
SELECT r.id, r.agent_name, r.agent_version, d.spec::text, d.spec_hash, d.published_by,
       d.created_at, r.submitted_by, r.created_at, r.input::text, r.status, r.result::text,
       r.error::text, r.finished_at, r.step_count, r.model_calls, r.tool_calls, r.input_tokens,
       r.output_tokens, r.cost_micros, r.command_seq, r.payloads_pruned_at
  FROM agent_run r
  JOIN agent_definition d
    ON d.tenant_id = r.tenant_id AND d.name = r.agent_name AND d.version = r.agent_version
 WHERE r.id = ?
