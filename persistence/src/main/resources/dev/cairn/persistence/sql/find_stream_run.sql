-- A run as an event stream sees it: its status and the seq of its last event (agent_run.event_seq).
-- Runs in the caller's tenant scope, so another tenant's run is not found.
-- Parameters: 1 run id
SELECT r.status, r.event_seq
  FROM agent_run r
 WHERE r.id = ?
