-- Deletes, in one partition, up to N events older than the retention that every given consumer
-- has passed. Parameters: 1 partition, 2 consumers (text[]), 3 created before, 4 how many
DELETE FROM outbox_event
 WHERE ctid = ANY (ARRAY(
       SELECT e.ctid
         FROM outbox_event e
        WHERE e.partition = ?
          AND NOT EXISTS (SELECT 1
                            FROM outbox_cursor c
                           WHERE c.partition = e.partition
                             AND c.consumer = ANY (?::text[])
                             AND (e.tx, e.id) > (c.last_tx, c.last_id))
          AND e.created_at < ?
        LIMIT ?))
