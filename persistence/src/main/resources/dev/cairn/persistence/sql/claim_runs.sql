-- Claims up to :limit runnable runs under a fresh lease, fencing by epoch, fairly across tenants.
-- Runnable means ready (QUEUED, or RUNNING whose lease lapsed) or a WAITING run whose timer is
-- due, of an enabled tenant: a disabled tenant's runs are never read here, and stay as they are.
-- Each enabled tenant gets its own scans of two partial indexes led by tenant_id: ready runs in
-- priority order, due timers in due order (a range scan that stops at the first timer still in
-- the future, so future timers are never walked). A tenant gets at most :limit candidates, and
-- with a cap on runs in flight per tenant (parameter 1 true) at most cap minus its runs leased
-- now. Candidates are then taken round-robin across tenants (every tenant's best candidate before
-- any tenant's second), by (priority, wake_at) within a round, so one tenant's backlog cannot
-- starve another tenant's runs. At most :limit candidates per tenant are locked and not claimed.
-- A run whose previous lease expired (owner still set) counts one more consecutive recovery.
-- A fork on another model carries the model that replaces its definition's (model_override); it
-- calls that model, so the definition's A/B variants are dropped (its fallbacks stay).
-- Runs this node still advances (its own lease may have lapsed) are excluded: a second driver
-- would only lose to the fence.
-- A run with a pending operator command is claimable whatever its status (a paused run to resume,
-- a failed one to retry, a waiting one to cancel), once its lease is free, and goes first in its
-- tenant's round; otherwise no claim ever reads a paused or finished run.
-- Parameters: 1 cap enabled, 2 now, 3 limit, 4 cap, 5 now, 6 now, 7 run ids in flight here
-- (uuid[]), 8 now, 9 now, 10 run ids in flight here (uuid[]), 11 now, 12 run ids in flight here
-- (uuid[]), 13 limit, 14 node, 15 lease expiry
WITH in_flight AS (
    SELECT tenant_id, count(*) AS runs
      FROM agent_run
     WHERE ?
       AND lease_owner IS NOT NULL
       AND lease_expires_at >= ?
     GROUP BY tenant_id
), room AS (
    SELECT t.id AS tenant_id, GREATEST(LEAST(?, ? - COALESCE(f.runs, 0)), 0) AS runs
      FROM tenant t
      LEFT JOIN in_flight f ON f.tenant_id = t.id
     WHERE t.disabled_at IS NULL
), ready AS (
    SELECT c.*
      FROM room
     CROSS JOIN LATERAL (
        SELECT r.id, r.tenant_id, r.priority, r.wake_at
          FROM agent_run r
         WHERE r.tenant_id = room.tenant_id
           AND r.status IN ('QUEUED', 'RUNNING')
           AND r.wake_at <= ?
           AND (r.lease_expires_at IS NULL OR r.lease_expires_at < ?)
           AND r.id <> ALL (?)
         ORDER BY r.priority, r.wake_at
         LIMIT room.runs
           FOR UPDATE OF r SKIP LOCKED) AS c
), due_timers AS (
    SELECT c.*
      FROM room
     CROSS JOIN LATERAL (
        SELECT r.id, r.tenant_id, r.priority, r.wake_at
          FROM agent_run r
         WHERE r.tenant_id = room.tenant_id
           AND r.status = 'WAITING'
           AND r.wake_at <= ?
           AND (r.lease_expires_at IS NULL OR r.lease_expires_at < ?)
           AND r.id <> ALL (?)
         ORDER BY r.wake_at
         LIMIT room.runs
           FOR UPDATE OF r SKIP LOCKED) AS c
), commanded AS (
    SELECT c.*
      FROM room
     CROSS JOIN LATERAL (
        SELECT r.id, r.tenant_id, (-2147483648)::integer AS priority, r.wake_at
          FROM agent_run r
         WHERE r.tenant_id = room.tenant_id
           AND r.id IN (SELECT oc.run_id
                          FROM operator_command oc
                         WHERE oc.tenant_id = room.tenant_id
                           AND oc.state = 'PENDING')
           AND (r.lease_expires_at IS NULL OR r.lease_expires_at < ?)
           AND r.id <> ALL (?)
         LIMIT room.runs
           FOR UPDATE OF r SKIP LOCKED) AS c
), candidates AS (
    SELECT DISTINCT ON (id) *
      FROM (SELECT * FROM commanded
            UNION ALL SELECT * FROM ready
            UNION ALL SELECT * FROM due_timers) AS all_candidates
     ORDER BY id, priority
), ranked AS (
    SELECT candidate.id, candidate.priority, candidate.wake_at,
           row_number() OVER (PARTITION BY candidate.tenant_id
                              ORDER BY candidate.priority, candidate.wake_at) AS nth,
           room.runs AS room
      FROM candidates AS candidate
      JOIN room ON room.tenant_id = candidate.tenant_id
), picked AS (
    SELECT id
      FROM ranked
     WHERE nth <= room
     ORDER BY nth, priority, wake_at
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
          r.last_hash, r.created_at,
          CASE WHEN r.model_override IS NULL THEN d.spec
               ELSE jsonb_set(d.spec, '{model}', r.model_override) - 'variants' END AS spec,
          r.wait_reason, r.wake_at, r.budget, r.cost_micros,
          r.reserved_calls, r.reserved_tokens, r.reserved_cost_micros, r.deadline_at,
          EXISTS (SELECT 1 FROM operator_command oc
                   WHERE oc.tenant_id = r.tenant_id AND oc.run_id = r.id AND oc.state = 'PENDING')
            AS has_commands
