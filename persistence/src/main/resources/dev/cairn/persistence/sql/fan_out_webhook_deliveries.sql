-- One delivery per event and live subscription of the event's tenant that wants its type (no
-- types: every type) and existed when the event happened. A second run over the same events
-- inserts nothing. Parameters: 1 next attempt at, 2 created at, 3 run ids (uuid[]), 4 seqs (int[])
INSERT INTO webhook_delivery (id, tenant_id, subscription_id, run_id, seq, event_type, agent_name,
                              event_time, event_data, next_attempt_at, created_at)
SELECT gen_random_uuid(), e.tenant_id, s.id, e.run_id, e.seq, e.type, e.agent_name,
       e.created_at, e.payload, ?, ?
  FROM unnest(?::uuid[], ?::int[]) AS ref (run_id, seq)
  JOIN outbox_event e
    ON e.run_id = ref.run_id
   AND e.seq = ref.seq
  JOIN webhook_subscription s
    ON s.tenant_id = e.tenant_id
   AND s.deleted_at IS NULL
   AND s.created_at <= e.created_at
   AND (cardinality(s.event_types) = 0 OR e.type = ANY (s.event_types))
    ON CONFLICT (subscription_id, run_id, seq) DO NOTHING
