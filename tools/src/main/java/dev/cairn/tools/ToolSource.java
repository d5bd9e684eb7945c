package dev.cairn.tools;

import java.util.Map;
import java.util.Set;

/**
 * Tools that come and go while the runtime runs (for example an MCP server's, offered only once an
 * admin approved them). Implementations are CDI beans; the {@link ToolCatalog} consults them after
 * the built-in tools.
 *
 * <p>{@link #offered()} is called on the step path: it must answer from memory, without I/O.
 */
public interface ToolSource {
  /**
   * The tools that may be offered to models and called now, by name.
   *
   * @return name to tool; an immutable snapshot
   */
  Map<String, Tool> offered();

  /**
   * Every tool name this source knows, offered or not (for example awaiting approval); agents may
   * list them.
   *
   * @return tool names
   */
  Set<String> known();

  /**
   * A number that grows whenever {@link #offered()} changes (never decreases), so callers can cache
   * what they derive from it.
   *
   * @return the generation
   */
  long generation();
}
