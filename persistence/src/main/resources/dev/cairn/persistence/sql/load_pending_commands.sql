-- Pending operator commands of runs, in the order they were accepted. Parameter: 1 run ids (uuid[])
SELECT run_id, id, seq, kind, payload, actor
  FROM operator_command
 WHERE run_id = ANY (?)
   AND state = 'PENDING'
 ORDER BY run_id, seq
