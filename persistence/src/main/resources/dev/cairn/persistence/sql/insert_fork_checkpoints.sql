-- Copies checkpoints into a fork (parallel arrays, one element per checkpoint). Parameters: 1 run
-- id, 2 seq[], 3 tenant_id[], 4 kind[], 5 actor[], 6 lease_owner[], 7 lease_epoch[], 8 decision[],
-- 9 outcome[], 10 decision_sha256[], 11 outcome_sha256[], 12 input_tokens[], 13 output_tokens[],
-- 14 cost_micros[], 15 status_after[], 16 state_after[], 17 prev_hash[], 18 hash[], 19 hash_alg[],
-- 20 created_at[], 21 pruned_at[]
INSERT INTO checkpoint (run_id, seq, tenant_id, kind, actor, lease_owner, lease_epoch, decision,
                        outcome, decision_sha256, outcome_sha256, input_tokens, output_tokens,
                        cost_micros, status_after, state_after, prev_hash, hash, hash_alg,
                        created_at, pruned_at)
SELECT ?, c.seq, c.tenant_id, c.kind, c.actor, c.lease_owner, c.lease_epoch, c.decision::jsonb,
       c.outcome::jsonb, c.decision_sha256, c.outcome_sha256, c.input_tokens, c.output_tokens,
       c.cost_micros, c.status_after, c.state_after::jsonb, c.prev_hash, c.hash, c.hash_alg,
       c.created_at, c.pruned_at
  FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
              ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::bigint[], ?::text[],
              ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
         AS c (seq, tenant_id, kind, actor, lease_owner, lease_epoch, decision, outcome,
               decision_sha256, outcome_sha256, input_tokens, output_tokens, cost_micros,
               status_after, state_after, prev_hash, hash, hash_alg, created_at, pruned_at)
