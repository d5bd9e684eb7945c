-- A run's child runs, oldest first (bounded). Parameters: 1 parent run id, 2 limit
SELECT r.id, r.agent_name, r.parent_task_id, r.status, r.result::text, r.error::text,
       r.model_calls, r.tool_calls, r.input_tokens, r.output_tokens, r.cost_micros,
       r.parent_call_id, r.created_at
  FROM agent_run r
 WHERE r.parent_run_id = ?
 ORDER BY r.created_at, r.child_ordinal, r.id
 LIMIT ?
