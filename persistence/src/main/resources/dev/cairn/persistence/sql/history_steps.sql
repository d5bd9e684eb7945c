-- A run's checkpoints from seq :from to seq :to in order, each with the operator commands applied
-- by it (as a JSON array in acceptance order, or null). Read with a cursor: a long history streams.
-- Parameters: 1 run id, 2 from seq, 3 to seq
SELECT c.seq, c.kind, c.decision::text, c.outcome::text, c.input_tokens, c.output_tokens,
       c.status_after, c.state_after::text, c.created_at, c.hash,
       (SELECT jsonb_agg(jsonb_build_object('id', oc.id, 'seq', oc.seq, 'kind', oc.kind,
                                            'payload', oc.payload, 'actor', oc.actor)
                         ORDER BY oc.seq)
          FROM operator_command oc
         WHERE oc.run_id = c.run_id
           AND oc.applied_seq = c.seq)::text AS commands
  FROM checkpoint c
 WHERE c.run_id = ?
   AND c.seq BETWEEN ? AND ?
 ORDER BY c.seq
