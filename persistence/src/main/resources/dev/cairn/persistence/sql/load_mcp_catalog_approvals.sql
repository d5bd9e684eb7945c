-- Every MCP server's approved catalogue.
SELECT server, catalog_hash, tools::text, approved_at, approved_by
  FROM mcp_catalog_approval
 ORDER BY server
