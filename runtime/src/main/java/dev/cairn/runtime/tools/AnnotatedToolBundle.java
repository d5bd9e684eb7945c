package dev.cairn.runtime.tools;

import dev.cairn.tools.CairnTools;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolBundle;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * The tools of every {@link CairnTools} bean's {@code @Tool} methods. A bean is found when its
 * archive is indexed (a Jandex index or {@code beans.xml} in its jar, see docs/java-tools.md).
 */
@ApplicationScoped
public class AnnotatedToolBundle implements ToolBundle {
  private final Instance<Object> beans;

  /**
   * Creates the source.
   *
   * @param beans every bean qualified {@link CairnTools}
   */
  public AnnotatedToolBundle(@CairnTools Instance<Object> beans) {
    this.beans = beans;
  }

  @Override
  public List<Tool> tools() {
    List<Tool> tools = new ArrayList<>();
    for (Instance.Handle<Object> handle : beans.handles()) {
      // LangChain4j invokes the method reflectively: on the bean itself, not on its client proxy.
      Object bean = ClientProxy.unwrap(handle.get());
      tools.addAll(MethodTools.of(bean, handle.getBean().getBeanClass()));
    }
    return tools;
  }
}
