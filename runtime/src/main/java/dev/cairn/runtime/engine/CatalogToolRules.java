package dev.cairn.runtime.engine;

import dev.cairn.tools.ToolCatalog;
import java.util.function.Supplier;

/**
 * The decider's {@link ToolRules}, derived from the tool catalogue again only when its generation
 * changed (a tool source offered or withdrew a tool), so the step path reads a cached value.
 */
public final class CatalogToolRules implements Supplier<ToolRules> {
  private final ToolCatalog catalog;
  private volatile Cached cached;

  private record Cached(long generation, ToolRules rules) {}

  /**
   * Creates the supplier.
   *
   * @param catalog the tool catalogue
   */
  public CatalogToolRules(ToolCatalog catalog) {
    this.catalog = catalog;
    this.cached = new Cached(catalog.generation(), ToolRules.of(catalog.all().values()));
  }

  @Override
  public ToolRules get() {
    Cached current = cached;
    long generation = catalog.generation();
    if (current.generation() == generation) {
      return current.rules();
    }
    // Read the generation before the tools: a change in between only causes one more rebuild.
    Cached fresh = new Cached(generation, ToolRules.of(catalog.all().values()));
    cached = fresh;
    return fresh.rules();
  }
}
