package dev.cairn.runtime.mcp;

import java.time.Instant;

/**
 * A server's approved catalogue.
 *
 * @param catalog the approved tools and hash
 * @param approvedAt when
 * @param approvedBy who
 */
record McpApproval(McpCatalog catalog, Instant approvedAt, String approvedBy) {}
