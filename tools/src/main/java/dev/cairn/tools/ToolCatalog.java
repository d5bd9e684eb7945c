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

/**
 * All tools available on this installation, by name: the built-in tool beans and bundles, fixed at
 * start, and the tools of {@link ToolSource}s (which may change while the runtime runs). A built-in
 * name always wins over a source's.
 */
@ApplicationScoped
public class ToolCatalog {
  private final Map<String, Tool> byName;
  private final List<ToolSource> sources;

  /**
   * Collects the available tool beans, the tools of every {@link ToolBundle} and the tool sources.
   *
   * @param tools every tool bean
   * @param bundles every bundle of tools fixed at start
   * @param sources every tool source
   */
  @Inject
  public ToolCatalog(
      Instance<Tool> tools, Instance<ToolBundle> bundles, Instance<ToolSource> sources) {
    List<Tool> all = new ArrayList<>();
    tools.forEach(all::add);
    bundles.forEach(bundle -> all.addAll(bundle.tools()));
    this.byName = index(all);
    List<ToolSource> found = new ArrayList<>();
    sources.forEach(found::add);
    this.sources = List.copyOf(found);
  }

  private ToolCatalog(Map<String, Tool> byName, List<ToolSource> sources) {
    this.byName = byName;
    this.sources = sources;
  }

  /**
   * A catalog of the given tools, for embedding the engine without a container.
   *
   * @param tools the tools
   * @return the catalog of those that are available
   */
  public static ToolCatalog of(Tool... tools) {
    return new ToolCatalog(index(List.of(tools)), List.of());
  }

  /**
   * A catalog of the given tools and sources, for embedding the engine without a container.
   *
   * @param tools the tools
   * @param sources the sources
   * @return the catalog
   */
  public static ToolCatalog of(List<Tool> tools, List<ToolSource> sources) {
    return new ToolCatalog(index(tools), List.copyOf(sources));
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
    if (name == null) {
      return Optional.empty();
    }
    Tool builtIn = byName.get(name);
    if (builtIn != null || sources.isEmpty()) {
      return Optional.ofNullable(builtIn);
    }
    for (ToolSource source : sources) {
      Tool tool = source.offered().get(name);
      if (tool != null) {
        return Optional.of(tool);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a name is a tool here, offered now or not (a source's tool awaiting approval is known
   * but not offered).
   *
   * @param name tool name
   * @return true if known
   */
  public boolean isKnown(String name) {
    if (find(name).isPresent()) {
      return true;
    }
    for (ToolSource source : sources) {
      if (source.known().contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * All tools offered now, sorted by name.
   *
   * @return name to tool
   */
  public Map<String, Tool> all() {
    if (sources.isEmpty()) {
      return byName;
    }
    Map<String, Tool> merged = new TreeMap<>();
    for (ToolSource source : sources) {
      merged.putAll(source.offered());
    }
    merged.putAll(byName);
    return Collections.unmodifiableMap(merged);
  }

  /**
   * A number that grows whenever the set of offered tools changes (each source's generation only
   * grows); constant without sources.
   *
   * @return the generation
   */
  public long generation() {
    long generation = 0;
    for (ToolSource source : sources) {
      generation += source.generation();
    }
    return generation;
  }
}
