package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * One MCP server's approved tool catalogue.
 *
 * @param server server name from the configuration
 * @param catalogHash SHA-256 (hex) of the approved catalogue
 * @param toolsJson the approved tools as a JSON array (name, description, input schema, hash)
 * @param approvedAt when it was approved
 * @param approvedBy who approved it
 */
public record McpApprovalRow(
    String server, String catalogHash, String toolsJson, Instant approvedAt, String approvedBy) {}
