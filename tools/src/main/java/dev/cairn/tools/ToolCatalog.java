package dev.cairn.tools;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** All tools available on this installation, by name. */
@ApplicationScoped
public class ToolCatalog {
  private final Map<String, Tool> byName;

  /**
   * Collects the available tool beans and the tools of every {@link ToolBundle}.
   *
   * @param tools every tool bean
   * @param sources every tool source bean
   */
  @Inject
  public ToolCatalog(Instance<Tool> tools, Instance<ToolBundle> sources) {
    List<Tool> all = new ArrayList<>();
    tools.forEach(all::add);
    sources.forEach(source -> all.addAll(source.tools()));
    this.byName = index(all);
  }

  private ToolCatalog(Map<String, Tool> byName) {
    this.byName = byName;
  }

  /**
   * A catalog of the given tools, for embedding the engine without a container.
   *
   * @param tools the tools
   * @return the catalog of those that are available
   */
  public static ToolCatalog of(Tool... tools) {
    return new ToolCatalog(index(List.of(tools)));
  }

  private static Map<String, Tool> index(Iterable<Tool> tools) {
    Map<String, Tool> map = new TreeMap<>();
    for (Tool tool : tools) {
      if (!tool.available()) {
        continue;
      }
      if (map.putIfAbsent(tool.name(), tool) != null) {
        throw new IllegalStateException("two tools named " + tool.name());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Finds a tool.
   *
   * @param name tool name
   * @return the tool, if available
   */
  public Optional<Tool> find(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /**
   * All available tools, sorted by name.
   *
   * @return name to tool
   */
  public Map<String, Tool> all() {
    return byName;
  }
}
