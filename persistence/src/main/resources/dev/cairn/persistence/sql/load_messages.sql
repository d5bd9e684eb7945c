-- Conversations of a batch of claimed runs, in order: the run's input (seq 0) and the messages
-- after its latest summary (all of them when it has none). Parameter: 1 run ids (uuid[])
SELECT m.run_id, m.idx, m.seq, m.role, m.content, m.tool_calls, m.tool_call_id, m.tool_name
  FROM run_message m
  LEFT JOIN LATERAL (SELECT s.to_idx
                       FROM run_summary s
                      WHERE s.run_id = m.run_id
                      ORDER BY s.seq DESC
                      LIMIT 1) latest ON true
 WHERE m.run_id = ANY (?)
   AND (m.seq = 0 OR m.idx > COALESCE(latest.to_idx, -1))
 ORDER BY m.run_id, m.idx
