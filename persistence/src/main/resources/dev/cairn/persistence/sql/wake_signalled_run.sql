-- Wakes a run that waits for a signal now. Parameters: 1 now, 2 run id
UPDATE agent_run SET wake_at = ? WHERE id = ? AND status = 'WAITING' AND wait_reason = 'SIGNAL'
