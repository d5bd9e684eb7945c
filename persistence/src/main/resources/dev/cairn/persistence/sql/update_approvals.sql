-- Records operators' decisions on approvals and marks approvals used by the call they allowed.
-- Parameters: 1 decided_at, 2 used_seq, then parallel arrays: 3 ids, 4 states, 5 actors (null
-- keeps the decider), 6 reasons (null keeps the reason)
UPDATE tool_approval ta
   SET state = a.state,
       decided_by = COALESCE(a.actor, ta.decided_by),
       decided_at = CASE WHEN a.state = 'USED' THEN ta.decided_at ELSE ? END,
       reason = COALESCE(a.reason, ta.reason),
       used_seq = CASE WHEN a.state = 'USED' THEN ? ELSE ta.used_seq END
  FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) AS a (id, state, actor, reason)
 WHERE ta.id = a.id
