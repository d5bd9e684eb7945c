-- Marks the commands a step applied (or refused), in that step's fenced transaction; a command
-- is settled once. Parameters: 1 applied_seq, 2 applied_at, 3 ids (uuid[]), 4 states (text[]),
-- 5 outcomes (text[])
UPDATE operator_command oc
   SET state = c.state,
       outcome = c.outcome,
       applied_seq = ?,
       applied_at = ?
  FROM unnest(?::uuid[], ?::text[], ?::text[]) AS c (id, state, outcome)
 WHERE oc.id = c.id
   AND oc.state = 'PENDING'
