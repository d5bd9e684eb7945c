SELECT status, count(*) FROM agent_run GROUP BY status
