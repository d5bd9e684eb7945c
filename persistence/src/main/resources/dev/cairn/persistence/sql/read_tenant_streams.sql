-- The next events of a tenant's log after each of several positions, in commit-consistent order:
-- only events of transactions older than every transaction still running, so none can still
-- commit behind a position already passed (see V15__run_events.sql). Positions are (tx, id)
-- pairs; streams at the same position share one. Runs in the tenant's scope; the tenant filter is
-- repeated for the index (tenant_id, tx, id). Parameters: 1 tenant, 2 position tx (text[]),
-- 3 position id (bigint[]), 4 events per position. Column 11 is the position's index (1-based).
SELECT e.id, e.tx::text, e.run_id, e.seq, e.tenant_id, e.agent_name, e.type, e.payload::text,
       e.created_at, e.partition, w.n
  FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS w (last_tx, last_id, n)
 CROSS JOIN LATERAL (
       SELECT *
         FROM outbox_event ev
        WHERE ev.tenant_id = ?
          AND (ev.tx, ev.id) > (w.last_tx::xid8, w.last_id)
          AND ev.tx < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY ev.tx, ev.id
        LIMIT ?) e
 ORDER BY w.n, e.tx, e.id
