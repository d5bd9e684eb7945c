-- The next events of several partitions, each after its cursor, in commit-consistent order:
-- only events of transactions older than every transaction still running, so none can still
-- commit behind a cursor (see V15__run_events.sql). Parameters: 1 partitions (int[]),
-- 2 cursor tx (text[]), 3 cursor id (bigint[]), 4 events per partition
SELECT e.id, e.tx::text, e.run_id, e.seq, e.tenant_id, e.agent_name, e.type, e.payload::text,
       e.created_at, e.partition
  FROM unnest(?::int[], ?::text[], ?::bigint[]) AS c (partition, last_tx, last_id)
 CROSS JOIN LATERAL (
       SELECT *
         FROM outbox_event ev
        WHERE ev.partition = c.partition
          AND (ev.tx, ev.id) > (c.last_tx::xid8, c.last_id)
          AND ev.tx < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY ev.tx, ev.id
        LIMIT ?) e
 ORDER BY e.partition, e.tx, e.id
