-- Parameters: 1 tenant_id, 2 agent_name, 3 note_key
SELECT value FROM note WHERE tenant_id = ? AND agent_name = ? AND note_key = ?
