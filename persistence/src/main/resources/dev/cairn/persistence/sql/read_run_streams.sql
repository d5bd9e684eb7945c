-- The next events of several watched runs, each after the seq its stream has passed, together with
-- each run's status and last event seq. One statement, so one snapshot: a run seen terminal here
-- has all its events visible here too (they commit with the change of status). A run's events
-- commit in seq order under the run's row lock (V15), so no commit-consistency filter is needed.
-- Runs in the tenant's scope, so another tenant's run yields no row. Parameters: 1 run ids
-- (uuid[]), 2 seqs passed (int[]), 3 events per cursor. Columns 1-10 are the event (NULL when the
-- run has no new event), 11 the cursor's index (1-based), 12-13 the run's status and last seq.
SELECT e.id, e.tx::text, e.run_id, e.seq, e.tenant_id, e.agent_name, e.type, e.payload::text,
       e.created_at, e.partition, w.n, r.status, r.event_seq
  FROM unnest(?::uuid[], ?::int[]) WITH ORDINALITY AS w (run_id, after_seq, n)
  JOIN agent_run r ON r.id = w.run_id
  LEFT JOIN LATERAL (
       SELECT *
         FROM outbox_event ev
        WHERE ev.run_id = w.run_id
          AND ev.seq > w.after_seq
        ORDER BY ev.seq
        LIMIT ?) e ON true
 ORDER BY w.n, e.seq
