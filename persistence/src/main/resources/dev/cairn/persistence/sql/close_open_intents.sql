-- Records what an operator stated about a run's uncertain call as its result, closing the intent.
-- Parameters: 1 result, 2 is_error, 3 completed_at, 4 run_id
UPDATE tool_invocation
   SET status = 'DONE',
       result = ?,
       is_error = ?,
       completed_at = ?
 WHERE run_id = ?
   AND status = 'INTENT'
