-- Time between consecutive checkpoints of the long runs (input 'long'), in ms: the gaps ending at
-- seq 6 .. 5 + :edge (after the claim's first steps) and at the last :edge seqs of each run.
-- Answers: checkpoints, early p50, early p90, late p50, late p90, highest seq.
WITH k AS (
    SELECT k.run_id, k.seq,
           1000 * extract(epoch FROM k.created_at - lag(k.created_at) OVER w) AS gap_ms,
           max(k.seq) OVER (PARTITION BY k.run_id) AS last_seq
      FROM checkpoint k JOIN agent_run r ON r.id = k.run_id
     WHERE r.input = to_jsonb('long'::text)
    WINDOW w AS (PARTITION BY k.run_id ORDER BY k.seq)
)
SELECT (SELECT count(*) FROM k),
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_ms)
              FILTER (WHERE seq BETWEEN 6 AND 5 + :edge))::numeric, 3),
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY gap_ms)
              FILTER (WHERE seq BETWEEN 6 AND 5 + :edge))::numeric, 3),
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_ms)
              FILTER (WHERE seq > last_seq - :edge))::numeric, 3),
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY gap_ms)
              FILTER (WHERE seq > last_seq - :edge))::numeric, 3),
       (SELECT max(seq) FROM k)
  FROM k
