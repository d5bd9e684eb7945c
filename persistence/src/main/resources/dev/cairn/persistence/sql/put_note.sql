-- Writes (or replaces) a note once per idempotency key: the key is recorded in note_write first,
-- and a key recorded before (a re-run of the same call) writes nothing, so a re-run never
-- overwrites a value written since. Answers the number of notes written: 1, or 0 for a re-run.
-- Parameters: 1 tenant_id, 2 idempotency_key, 3 agent_name, 4 note_key, 5 run, 6 written_at,
-- 7 value
WITH applied AS (
    INSERT INTO note_write (tenant_id, idempotency_key, agent_name, note_key, written_by_run,
                            written_at)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
    RETURNING tenant_id, idempotency_key, agent_name, note_key, written_by_run, written_at
)
INSERT INTO note (tenant_id, agent_name, note_key, value, written_by_run, idempotency_key,
                  updated_at)
SELECT tenant_id, agent_name, note_key, ?, written_by_run, idempotency_key, written_at
  FROM applied
ON CONFLICT (tenant_id, agent_name, note_key) DO UPDATE
   SET value = EXCLUDED.value,
       written_by_run = EXCLUDED.written_by_run,
       idempotency_key = EXCLUDED.idempotency_key,
       updated_at = EXCLUDED.updated_at
