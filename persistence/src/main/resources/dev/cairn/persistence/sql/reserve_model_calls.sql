-- Before model calls without a durable reservation (a claim's batch of runs whose first step is a
-- model call, or one run): charges what lost calls may have spent and reserves each call's worst case,
-- one statement for the batch, each run behind its own fence.
-- Parameters: 1 updated_at, 2 ids, 3 lease epochs, 4-6 charged calls, tokens, cost, 7-9 reserved
-- calls, tokens, cost (parallel arrays), 10 lease_owner
UPDATE agent_run r
   SET model_calls = r.model_calls + c.charge_calls,
       input_tokens = r.input_tokens + c.charge_tokens,
       cost_micros = r.cost_micros + c.charge_cost,
       reserved_calls = c.calls,
       reserved_tokens = c.tokens,
       reserved_cost_micros = c.cost,
       updated_at = ?,
       version = r.version + 1
  FROM unnest(?::uuid[], ?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[],
              ?::bigint[])
         AS c (id, epoch, charge_calls, charge_tokens, charge_cost, calls, tokens, cost)
 WHERE r.id = c.id
   AND r.lease_owner = ?
   AND r.lease_epoch = c.epoch
RETURNING r.id
