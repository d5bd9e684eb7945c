-- Parameters: 1 run_id, 2 idx, 3 tenant_id, 4 seq, 5 role, 6 content, 7 tool_calls, 8 tool_call_id,
-- 9 tool_name, 10 created_at
INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, tool_calls, tool_call_id,
                         tool_name, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
