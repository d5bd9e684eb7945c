-- Parameters: 1 tenant_id, 2 agent_name, 3 note_key, 4 value, 5 run, 6 idempotency_key, 7 updated_at
INSERT INTO note (tenant_id, agent_name, note_key, value, written_by_run, idempotency_key, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (tenant_id, agent_name, note_key) DO UPDATE
   SET value = EXCLUDED.value,
       written_by_run = EXCLUDED.written_by_run,
       idempotency_key = EXCLUDED.idempotency_key,
       updated_at = EXCLUDED.updated_at
