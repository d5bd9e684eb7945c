-- Takes the lease from runs whose cancel has waited longer than the takeover time (a frozen or
-- partitioned owner): the owner's late writes then fail the fence, and any replica claims the run
-- and applies the cancel. Parameters: 1 now, 2 cancels accepted before this time
UPDATE agent_run r
   SET lease_owner = NULL,
       lease_expires_at = NULL,
       consecutive_recoveries = r.consecutive_recoveries + 1,
       version = r.version + 1
 WHERE r.lease_owner IS NOT NULL
   AND r.lease_expires_at >= ?
   AND r.id IN (SELECT oc.run_id
                  FROM operator_command oc
                 WHERE oc.state = 'PENDING'
                   AND oc.kind = 'CANCEL'
                   AND oc.created_at < ?)
