-- Live events: the outbox becomes the run event log (ADR 13).
--
-- Every change of a run writes its events in the transaction that makes the change: the
-- submission writes run.submitted, every step writes run.step.committed and whatever else the step
-- changed (status, approvals, operator commands). Each event has a per-run sequence number with no
-- gaps: agent_run.event_seq is the last one given out, bumped under the run's row lock (the step's
-- fenced update), so a run's events commit in seq order.
--
-- Readers never mark rows. Each consumer (the broker relay, the webhook dispatcher) keeps one
-- cursor per partition of the log; the SSE streams keep theirs on the client. A cursor is an
-- (tx, id) position: tx is the id of the transaction that wrote the event. Readers only read
-- events whose transaction is older than every transaction still running
-- (tx < pg_snapshot_xmin(pg_current_snapshot())), so an event can never commit behind a cursor
-- that already passed its position; ordering by (tx, id) is then a commit-consistent order.

ALTER TABLE agent_run ADD COLUMN event_seq integer NOT NULL DEFAULT 0;

ALTER TABLE outbox_event ADD COLUMN seq integer;
ALTER TABLE outbox_event ADD COLUMN agent_name text;
ALTER TABLE outbox_event ADD COLUMN tx xid8;

-- Events written before this version: numbered per run in the order they were written.
UPDATE outbox_event o
   SET seq = numbered.seq,
       agent_name = r.agent_name,
       tx = pg_current_xact_id()
  FROM (SELECT id, row_number() OVER (PARTITION BY run_id ORDER BY id) AS seq
          FROM outbox_event) numbered,
       agent_run r
 WHERE o.id = numbered.id
   AND r.id = o.run_id;
UPDATE agent_run r
   SET event_seq = last.seq
  FROM (SELECT run_id, max(seq) AS seq FROM outbox_event GROUP BY run_id) last
 WHERE r.id = last.run_id;

ALTER TABLE outbox_event ALTER COLUMN seq SET NOT NULL;
ALTER TABLE outbox_event ALTER COLUMN agent_name SET NOT NULL;
ALTER TABLE outbox_event ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
ALTER TABLE outbox_event ALTER COLUMN tx SET NOT NULL;
-- 16 partitions by run: a run's events are all in one partition, so one relay owns them at a time
-- and publishes them in order. The count is fixed here; changing it needs a migration that
-- re-creates the cursors.
ALTER TABLE outbox_event
    ADD COLUMN partition smallint NOT NULL
    GENERATED ALWAYS AS ((get_byte(uuid_send(run_id), 15) % 16)::smallint) STORED;

-- Readers track cursors, not per-row flags: nothing updates an event after it is written.
DROP INDEX outbox_event_unpublished_idx;
ALTER TABLE outbox_event DROP COLUMN published_at;

-- A run's events by seq (SSE for one run, Last-Event-ID), and the event's identity.
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_pkey;
ALTER TABLE outbox_event ADD PRIMARY KEY (run_id, seq);
-- Relay and webhook dispatch: a partition's events in commit-consistent order.
CREATE INDEX outbox_event_partition_idx ON outbox_event (partition, tx, id);
-- The tenant-wide SSE stream.
CREATE INDEX outbox_event_tenant_idx ON outbox_event (tenant_id, tx, id);

-- One cursor per consumer and partition. A relay holds a partition under a lease (owner, expiry):
-- replicas split the partitions between them and never wait for each other; a replica that dies
-- loses its partitions when the lease expires. Only the lease owner advances a cursor.
CREATE TABLE outbox_cursor (
    consumer         text        NOT NULL,
    partition        smallint    NOT NULL,
    last_tx          xid8        NOT NULL DEFAULT '0',
    last_id          bigint      NOT NULL DEFAULT 0,
    owner            text,
    lease_expires_at timestamptz,
    advanced_at      timestamptz,
    PRIMARY KEY (consumer, partition)
);
INSERT INTO outbox_cursor (consumer, partition)
SELECT c.consumer, p.partition
  FROM (VALUES ('broker'), ('webhooks')) AS c (consumer),
       generate_series(0, 15) AS p (partition);

-- Replicas reading the log per consumer, each announced until its lease expiry: a replica takes
-- 1 / (live readers) of the partitions, so a replica that holds none yet is counted too.
CREATE TABLE outbox_reader (
    consumer   text        NOT NULL,
    node       text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, node)
);

-- The API writes run.submitted with the run it inserts.
GRANT INSERT ON outbox_event TO cairn_api;
GRANT USAGE ON SEQUENCE outbox_event_id_seq TO cairn_api;
