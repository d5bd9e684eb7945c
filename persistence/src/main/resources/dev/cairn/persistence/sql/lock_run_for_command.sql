-- Takes the run's row lock and numbers the next command: bumps command_seq and returns what the
-- command is validated against, with the run's effective budget (its own, else the pinned
-- definition's). No row: the run does not exist in the tenant. Parameters: 1 run id
UPDATE agent_run r
   SET command_seq = r.command_seq + 1
  FROM agent_definition d
 WHERE r.id = ?
   AND d.tenant_id = r.tenant_id
   AND d.name = r.agent_name
   AND d.version = r.agent_version
RETURNING r.status, r.wait_reason, r.command_seq, COALESCE(r.budget, d.spec -> 'budget')::text
