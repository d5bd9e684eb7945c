-- What the run row says its checkpoint chain ends with. Parameter: 1 run id.
SELECT step_count, last_hash
  FROM agent_run
 WHERE id = ?
