-- The lease owner index (V2) was keyed by lease_owner alone, so one entry per run a replica leases
-- (about 2,000 with 2,000 runs in flight) shared the same key. The fenced step commit
-- (commit_step.sql: WHERE id = ? AND lease_owner = ? AND lease_epoch = ?) is a prepared statement
-- that PostgreSQL runs with a generic plan, costed without the parameters' values; with statistics
-- taken before the runs were leased (a table of queued or finished runs, where lease_owner is
-- nearly always NULL) the owner index looks as cheap as the primary key, and the planner picks it.
-- Every step then walked all of its replica's leased runs to find its own row: PostgreSQL's CPU
-- per step doubled with 2,000 runs in flight.
-- Keyed by (lease_owner, id), the index finds one run in one descent whichever of the two indexes
-- the planner picks, and still serves every query by owner (heartbeat, release, reaper, claim's
-- runs in flight: see ADR 0020). The index holds only leased runs, so rebuilding it is quick.
DROP INDEX agent_run_lease_owner_idx;

CREATE INDEX agent_run_lease_owner_idx ON agent_run (lease_owner, id)
    WHERE lease_owner IS NOT NULL;
