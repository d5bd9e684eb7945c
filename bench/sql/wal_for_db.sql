-- WAL bytes written for the current database between LSNs :'from' and :'to': records touching one
-- of its relations, plus the commit records of the same transactions. Prints bytes|fpi_bytes|records.
WITH w AS (
    SELECT xid, record_length, fpi_length,
           block_ref ~ ('rel [0-9]+/' || (SELECT oid FROM pg_database WHERE datname = current_database()) || '/') AS ours
      FROM pg_get_wal_records_info(:'from', :'to')
), x AS (
    SELECT DISTINCT xid FROM w WHERE ours AND xid <> '0'
)
SELECT coalesce(sum(record_length), 0), coalesce(sum(fpi_length), 0), count(*)
  FROM w
 WHERE ours OR xid IN (SELECT xid FROM x);
