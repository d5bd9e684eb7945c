-- Before a model call whose reservation is not durable yet: charges what lost calls may have
-- spent (their reservations, when the previous owner died after reserving) and reserves the next
-- call's worst case, only while the lease fence holds.
-- Parameters: 1 charged calls, 2 charged tokens, 3 charged cost, 4 reserved calls, 5 reserved
-- tokens, 6 reserved cost, 7 updated_at, 8 id, 9 lease_owner, 10 lease_epoch
UPDATE agent_run
   SET model_calls = model_calls + ?,
       input_tokens = input_tokens + ?,
       cost_micros = cost_micros + ?,
       reserved_calls = ?,
       reserved_tokens = ?,
       reserved_cost_micros = ?,
       updated_at = ?,
       version = version + 1
 WHERE id = ?
   AND lease_owner = ?
   AND lease_epoch = ?
