package dev.cairn.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.engine.Json;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;

/**
 * One approved MCP tool as a Cairn {@link Tool}: the model sees the approved text only; the
 * side-effect class comes from Cairn's configuration. A call first makes sure the server runs
 * (starting it again if it died) and that the tool's live text is still the approved one.
 */
final class McpTool implements Tool {
  private final String name;
  private final String server;
  private final McpToolText approved;
  private final SideEffect sideEffect;
  private final McpConnection connection;
  private final McpRegistry registry;

  McpTool(
      String name,
      String server,
      McpToolText approved,
      SideEffect sideEffect,
      McpConnection connection,
      McpRegistry registry) {
    this.name = name;
    this.server = server;
    this.approved = approved;
    this.sideEffect = sideEffect;
    this.connection = connection;
    this.registry = registry;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return approved.description();
  }

  @Override
  public JsonNode argumentsSchema() {
    return approved.inputSchema();
  }

  @Override
  public SideEffect sideEffect() {
    return sideEffect;
  }

  /**
   * The approved text of the tool.
   *
   * @return the text
   */
  McpToolText approved() {
    return approved;
  }

  /**
   * The server's name.
   *
   * @return the server
   */
  String server() {
    return server;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) throws ToolException {
    connection.ready();
    if (!registry.stillApproved(server, approved)) {
      throw new ToolException(
          "tool '" + name + "' is disabled: its server changed it and an admin must approve it");
    }
    return connection.call(
        approved.name(), Json.write(invocation.arguments()), invocation.idempotencyKey());
  }
}
