package dev.cairn.tools;

import java.util.List;

/**
 * Supplies tools that are not CDI beans themselves, such as the tools the runtime builds from
 * {@link CairnTools} beans. The {@link ToolCatalog} adds every source's tools to the tool beans.
 */
public interface ToolBundle {
  /**
   * The tools of this source; called once, when the catalog is built.
   *
   * @return the tools
   */
  List<Tool> tools();
}
