-- How many child runs a run started. Parameter: 1 parent run id
SELECT count(*) FROM agent_run WHERE parent_run_id = ?
