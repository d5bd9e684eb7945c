package dev.cairn.runtime.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The tools that differ between a live and an approved catalogue. */
final class CatalogDiff {
  private CatalogDiff() {}

  /**
   * The differences, in tool name order.
   *
   * @param server server name
   * @param live live catalogue (null when the server is not running: nothing is compared)
   * @param approved approved catalogue (null when never approved: every tool is new)
   * @return changed, added and removed tools
   */
  static List<McpServerStatus.ToolChange> of(String server, McpCatalog live, McpCatalog approved) {
    if (live == null) {
      return List.of();
    }
    Map<String, McpToolText> before = approved == null ? Map.of() : approved.tools();
    TreeSet<String> names = new TreeSet<>(live.tools().keySet());
    names.addAll(before.keySet());
    List<McpServerStatus.ToolChange> changes = new ArrayList<>();
    for (String name : names) {
      McpToolText now = live.tools().get(name);
      McpToolText then = before.get(name);
      if (now != null && then != null && now.hash().equals(then.hash())) {
        continue;
      }
      String change = then == null ? "ADDED" : now == null ? "REMOVED" : "CHANGED";
      changes.add(
          new McpServerStatus.ToolChange(
              name,
              McpNames.modelName(server, name).orElse(null),
              change,
              now == null ? null : now.hash(),
              then == null ? null : then.hash(),
              now,
              then));
    }
    return changes;
  }
}
