-- Claims up to :limit runnable runs under a fresh lease, fencing by epoch.
-- Runnable means ready (QUEUED, or RUNNING whose lease lapsed) or a WAITING run whose timer is
-- due. The two are read from two partial indexes so that future timers, however many, are never
-- scanned: ready runs in priority order, due timers in due order (a range scan that stops at the
-- first timer still in the future). Up to :limit of each are locked, and the best :limit of those
-- by (priority, wake_at) are claimed.
-- A run whose previous lease expired (owner still set) counts one more consecutive recovery.
-- Runs this node still advances (its own lease may have lapsed) are excluded: a second driver
-- would only lose to the fence.
-- Parameters: 1 now, 2 now, 3 run ids in flight here (uuid[]), 4 limit, 5 now, 6 now,
-- 7 run ids in flight here (uuid[]), 8 limit, 9 limit, 10 node, 11 lease expiry
WITH ready AS (
    SELECT id, priority, wake_at
      FROM agent_run
     WHERE status IN ('QUEUED', 'RUNNING')
       AND wake_at <= ?
       AND (lease_expires_at IS NULL OR lease_expires_at < ?)
       AND id <> ALL (?)
     ORDER BY priority, wake_at
     LIMIT ?
       FOR UPDATE SKIP LOCKED
), due_timers AS (
    SELECT id, priority, wake_at
      FROM agent_run
     WHERE status = 'WAITING'
       AND wake_at <= ?
       AND (lease_expires_at IS NULL OR lease_expires_at < ?)
       AND id <> ALL (?)
     ORDER BY wake_at
     LIMIT ?
       FOR UPDATE SKIP LOCKED
), picked AS (
    SELECT id
      FROM (SELECT * FROM ready UNION ALL SELECT * FROM due_timers) AS candidate
     ORDER BY priority, wake_at
     LIMIT ?
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
