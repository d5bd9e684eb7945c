-- Re-checks, in the step that starts a signal wait (after its run update), whether the signal
-- arrived meanwhile: the API's wake-up of a run still running would have been lost.
-- Parameters: 1 now, 2 run id, 3 name
UPDATE agent_run
   SET wake_at = ?
 WHERE id = ?
   AND status = 'WAITING'
   AND EXISTS (SELECT 1 FROM run_signal s
                WHERE s.run_id = agent_run.id AND s.name = ? AND s.consumed_seq IS NULL)
