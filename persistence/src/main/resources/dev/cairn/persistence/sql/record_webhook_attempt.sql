-- Records an attempt's outcome, only while its claim still holds (a redelivery or a takeover
-- after the claim expired replaced the token). Parameters: 1 state, 2 next attempt at,
-- 3 last status, 4 last error, 5 delivered at, 6 dead at, 7 id, 8 claim token
UPDATE webhook_delivery
   SET state = ?,
       next_attempt_at = ?,
       last_status = ?,
       last_error = ?,
       delivered_at = ?,
       dead_at = ?,
       claim_token = NULL
 WHERE id = ?
   AND claim_token = ?
