-- The spec of one version of an agent. Parameters: 1 agent name, 2 version
SELECT spec::text
  FROM agent_definition
 WHERE name = ?
   AND version = ?
