-- WAL bytes per relation of the current database between LSNs :'from' and :'to' (first block
-- reference of each record), largest first. Prints relname|bytes|fpi_bytes.
WITH w AS (
    SELECT record_length, fpi_length,
           substring(block_ref from 'rel [0-9]+/' ||
                     (SELECT oid FROM pg_database WHERE datname = current_database()) ||
                     '/([0-9]+)')::oid AS filenode
      FROM pg_get_wal_records_info(:'from', :'to')
)
SELECT coalesce(c.relname, 'other (' || w.filenode || ')'), sum(record_length), sum(fpi_length)
  FROM w LEFT JOIN pg_class c ON c.relfilenode = w.filenode
 WHERE w.filenode IS NOT NULL
 GROUP BY 1
 ORDER BY 2 DESC;
