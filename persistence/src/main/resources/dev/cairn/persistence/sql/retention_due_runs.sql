-- Finished runs whose payloads are due for pruning, oldest finish first: for each definition
-- version with a retention policy, its runs that finished more than payloadDays before now and
-- were not pruned yet (agent_run_retention_idx). Only statuses no command can revive.
-- Parameters: 1 now, 2 limit per definition version, 3 limit
SELECT r.id
  FROM agent_definition d
 CROSS JOIN LATERAL (
       SELECT run.id, run.finished_at
         FROM agent_run run
        WHERE run.tenant_id = d.tenant_id
          AND run.agent_name = d.name
          AND run.agent_version = d.version
          AND run.payloads_pruned_at IS NULL
          AND run.status IN ('COMPLETED', 'CANCELLED', 'BUDGET_EXCEEDED')
          AND run.finished_at < ?::timestamptz
                - make_interval(days => (d.spec -> 'retention' ->> 'payloadDays')::int)
        ORDER BY run.finished_at
        LIMIT ?) r
 WHERE d.spec -> 'retention' ->> 'payloadDays' IS NOT NULL
 ORDER BY r.finished_at
 LIMIT ?
