package dev.cairn.runtime.mcp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names models see for MCP tools: {@code mcp_<server>_<tool>}, within {@code
 * [a-zA-Z0-9_-]{1,64}}.
 */
final class McpNames {
  /** What a server name looks like (the approval table checks the same). */
  static final Pattern SERVER = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");

  private static final Pattern UNSAFE = Pattern.compile("[^a-zA-Z0-9_-]");
  private static final int MAX = 64;

  private McpNames() {}

  /**
   * The model name of a server's tool: characters outside {@code [a-zA-Z0-9_-]} become '_'.
   *
   * @param server server name (no '_', so the name splits unambiguously)
   * @param tool the server's tool name
   * @return the model name, or empty when longer than 64 characters
   */
  static Optional<String> modelName(String server, String tool) {
    String name = "mcp_" + server + "_" + UNSAFE.matcher(tool).replaceAll("_");
    return name.length() <= MAX ? Optional.of(name) : Optional.empty();
  }
}
