package dev.cairn.runtime.mcp;

import java.time.Instant;
import java.util.List;

/**
 * What an admin sees of one MCP server.
 *
 * @param name server name
 * @param transport {@code stdio} or {@code http}
 * @param status {@code APPROVED} (live catalogue is the approved one), {@code CHANGED} (it differs;
 *     changed and new tools are not offered), {@code UNAPPROVED} (never approved), or {@code
 *     UNAVAILABLE} (not running: no live catalogue)
 * @param currentHash hash of the live catalogue, when running
 * @param approvedHash hash of the approved catalogue, if any
 * @param approvedAt when it was approved
 * @param approvedBy who approved it
 * @param offered model names of the tools offered now
 * @param changes tools whose live text differs from the approved one
 */
public record McpServerStatus(
    String name,
    String transport,
    String status,
    String currentHash,
    String approvedHash,
    Instant approvedAt,
    String approvedBy,
    List<String> offered,
    List<ToolChange> changes) {

  /**
   * One tool that differs between the live and the approved catalogue.
   *
   * @param tool the server's tool name
   * @param modelName the name models see
   * @param change {@code ADDED}, {@code REMOVED} or {@code CHANGED}
   * @param currentHash live hash, unless removed
   * @param approvedHash approved hash, unless added
   * @param current live text (description and schema), unless removed
   * @param approved approved text, unless added
   */
  public record ToolChange(
      String tool,
      String modelName,
      String change,
      String currentHash,
      String approvedHash,
      McpToolText current,
      McpToolText approved) {}
}
