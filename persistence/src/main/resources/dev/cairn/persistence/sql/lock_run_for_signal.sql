-- Takes the run's row lock before a signal is stored, so a step committing a signal wait either
-- commits first (and is woken below) or re-checks after this signal committed. No row: the run
-- does not exist in the tenant. Parameter: 1 run id
SELECT status, wait_reason FROM agent_run WHERE id = ? FOR NO KEY UPDATE
