-- Every step updates its run's row. Those updates change no indexed column (a run that goes on
-- under its lease keeps its wake_at), so Postgres can make them HOT updates, which add no index
-- entries, but only when the new row version fits on the same page. Leave room for it.
-- Applies to pages written from now on; VACUUM FULL or pg_repack rewrites existing ones.
ALTER TABLE agent_run SET (fillfactor = 70);
