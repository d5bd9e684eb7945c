-- The child runs a parent's call started, in the order they were started, with what they used
-- and their outcome. Parameters: 1 parent run id, 2 parent call id
SELECT r.id, r.agent_name, r.parent_task_id, r.status, r.result::text, r.error::text,
       r.model_calls, r.tool_calls, r.input_tokens, r.output_tokens, r.cost_micros
  FROM agent_run r
 WHERE r.parent_run_id = ?
   AND r.parent_call_id = ?
 ORDER BY r.created_at, r.child_ordinal, r.id
