-- Records the approved catalogue of one MCP server, replacing the one approved before.
-- Parameters: 1 server, 2 catalog_hash, 3 tools (jsonb array), 4 approved_at, 5 approved_by
INSERT INTO mcp_catalog_approval (server, catalog_hash, tools, approved_at, approved_by)
VALUES (?, ?, ?::jsonb, ?, ?)
ON CONFLICT (server) DO UPDATE
   SET catalog_hash = EXCLUDED.catalog_hash,
       tools = EXCLUDED.tools,
       approved_at = EXCLUDED.approved_at,
       approved_by = EXCLUDED.approved_by
