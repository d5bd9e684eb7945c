-- The run a fork starts from. Parameter: 1 run id.
SELECT agent_name, agent_version, input, budget, priority, status, step_count, model_override,
       forked_from, forked_at_seq
  FROM agent_run
 WHERE id = ?
