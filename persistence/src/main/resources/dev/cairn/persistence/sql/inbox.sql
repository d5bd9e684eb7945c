-- The operator inbox: pending approvals and runs that need a person, newest first, keyset-paged
-- by (since, item id). WAITING runs count only once they waited longer than the threshold (those
-- waiting for an approval show up as their approvals).
-- Parameters: 1 tenant, 2 tenant, 3 waiting since before, 4 agent or null, 5 agent,
-- 6 statuses (text[], empty: any), 7 statuses, 8 since before, 9 cursor time, 10 cursor time,
-- 11 cursor id, 12 limit
SELECT category, run_id, agent_name, status, wait_reason, attention, approval_id, tool_name,
       since, item_id, created_at
  FROM (
    SELECT 'APPROVAL' AS category, a.run_id, r.agent_name, r.status, r.wait_reason, r.attention,
           a.id AS approval_id, a.tool_name, a.requested_at AS since, a.id AS item_id,
           r.created_at
      FROM tool_approval a
      JOIN agent_run r ON r.id = a.run_id
     WHERE a.tenant_id = ?
       AND a.state = 'PENDING'
    UNION ALL
    SELECT CASE r.status
             WHEN 'NEEDS_RECONCILIATION' THEN 'RECONCILIATION'
             WHEN 'WAITING' THEN 'WAITING_LONG'
             ELSE r.status
           END, r.id, r.agent_name, r.status, r.wait_reason, r.attention, NULL::uuid, NULL::text,
           r.updated_at, r.id, r.created_at
      FROM agent_run r
     WHERE r.tenant_id = ?
       AND (r.status IN ('PAUSED', 'NEEDS_RECONCILIATION', 'QUARANTINED', 'BUDGET_EXCEEDED',
                         'FAILED')
            OR (r.status = 'WAITING' AND r.wait_reason IS DISTINCT FROM 'APPROVAL'
                AND r.updated_at < ?))
  ) i
 WHERE (?::text IS NULL OR agent_name = ?)
   AND (cardinality(?::text[]) = 0 OR status = ANY (?::text[]))
   AND since < ?
   AND (since < ? OR (since = ? AND item_id < ?))
 ORDER BY since DESC, item_id DESC
 LIMIT ?
