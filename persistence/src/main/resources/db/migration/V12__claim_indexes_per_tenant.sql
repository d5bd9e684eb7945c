-- The claim reads each enabled tenant's ready runs and due timers separately (round-robin across
-- tenants, optional cap on runs in flight per tenant; see claim_runs.sql), so both partial claim
-- indexes are now led by tenant_id. A disabled tenant's runs are never scanned.
DROP INDEX agent_run_ready_idx;
DROP INDEX agent_run_timer_idx;

CREATE INDEX agent_run_ready_idx ON agent_run (tenant_id, priority, wake_at)
    WHERE status IN ('QUEUED', 'RUNNING');

CREATE INDEX agent_run_timer_idx ON agent_run (tenant_id, wake_at)
    WHERE status = 'WAITING';
