-- Claims up to :limit runnable runs under a fresh lease, fencing by epoch.
-- A run whose previous lease expired (owner still set) counts one more consecutive recovery.
-- Runs this node still advances (its own lease may have lapsed) are excluded: a second driver
-- would only lose to the fence.
-- Parameters: 1 now, 2 now, 3 run ids in flight here (uuid[]), 4 limit, 5 node, 6 lease expiry
WITH picked AS (
    SELECT id
      FROM agent_run
     WHERE status IN ('QUEUED', 'RUNNING', 'WAITING')
       AND wake_at <= ?
       AND (lease_expires_at IS NULL OR lease_expires_at < ?)
       AND id <> ALL (?)
     ORDER BY priority, wake_at
     LIMIT ?
       FOR UPDATE SKIP LOCKED
)
UPDATE agent_run r
   SET lease_owner = ?,
       lease_epoch = r.lease_epoch + 1,
       lease_expires_at = ?,
       consecutive_recoveries = r.consecutive_recoveries
           + CASE WHEN r.lease_owner IS NULL THEN 0 ELSE 1 END,
       version = r.version + 1
  FROM picked, agent_definition d
 WHERE r.id = picked.id
   AND d.tenant_id = r.tenant_id
   AND d.name = r.agent_name
   AND d.version = r.agent_version
RETURNING r.id, r.tenant_id, r.agent_name, r.agent_version, r.status, r.input, r.lease_epoch,
          r.step_count, r.model_calls, r.tool_calls, r.input_tokens, r.output_tokens,
          r.invalid_tool_calls, r.retry_attempt, r.consecutive_recoveries, r.pending_tool_calls,
          r.last_hash, r.created_at, d.spec
