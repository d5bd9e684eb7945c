-- One replica at a time counts runs per status: the others skip their turn (transaction-level
-- lock, released at commit). Answers whether the lock was taken and when the last count was made.
SELECT pg_try_advisory_xact_lock(hashtextextended('cairn.run_status_count', 0)),
       (SELECT max(counted_at) FROM run_status_count)
