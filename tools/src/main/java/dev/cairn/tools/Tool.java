package dev.cairn.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool the model may call. Implementations are CDI beans; the engine finds them by name.
 *
 * <p>The engine validates arguments against {@link #argumentsSchema()} before calling {@link
 * #execute}: a call with malformed arguments never reaches the tool.
 */
public interface Tool {
  /**
   * The name the model uses: built-in tools use lower case letters, digits, '_' and '.'; tools of a
   * {@link ToolSource} (MCP) stay within {@code [a-zA-Z0-9_-]{1,64}}.
   *
   * @return the tool name
   */
  String name();

  /**
   * What the tool does, shown to the model.
   *
   * @return the description
   */
  String description();

  /**
   * JSON schema (an object schema) of the arguments.
   *
   * @return the schema
   */
  JsonNode argumentsSchema();

  /**
   * The tool's side-effect class.
   *
   * @return the side-effect class
   */
  SideEffect sideEffect();

  /**
   * Whether the tool can be offered on this installation (for example, its target is configured).
   *
   * @return true when usable
   */
  default boolean available() {
    return true;
  }

  /**
   * Performs the call. Tools with effects must use {@link ToolInvocation#idempotencyKey()} to apply
   * each effect at most once.
   *
   * @param invocation the call with validated arguments
   * @return the output for the model
   * @throws ToolException when the call fails in a way the model should be told about
   */
  ToolResult execute(ToolInvocation invocation) throws ToolException;
}
