-- Re-checks, in the step that starts or renews a wait for children (after its run update),
-- whether more of the call's children finished than the tool saw: a child finishing while the
-- parent was running could not wake it. Parameters: 1 now, 2 run id, 3 run id, 4 call id, 5 seen
UPDATE agent_run
   SET wake_at = ?
 WHERE id = ?
   AND status = 'WAITING'
   AND (SELECT count(*) FROM agent_run c
         WHERE c.parent_run_id = ?
           AND c.parent_call_id = ?
           AND c.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED',
                            'QUARANTINED')) > ?
