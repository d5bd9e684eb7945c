package dev.cairn.runtime.tools;

import dev.cairn.tools.SideEffect;
import dev.cairn.tools.SideEffectClass;
import dev.cairn.tools.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds Cairn tools from the LangChain4j {@code @Tool} methods of one object. Pure reflection, no
 * CDI, so it is checked by plain unit tests; {@link AnnotatedToolBundle} feeds it the beans.
 */
public final class MethodTools {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_.]{1,64}");

  private MethodTools() {}

  /**
   * The tools of an object's {@code @Tool} methods.
   *
   * @param target the object whose methods are called (the bean itself, not a client proxy)
   * @param declaringClass the class whose declared methods are read (the bean class)
   * @return one tool per method, in name order
   * @throws IllegalStateException when a method declares no side-effect class, or its name or
   *     parameters cannot be offered to a model
   */
  public static List<Tool> of(Object target, Class<?> declaringClass) {
    // Reads every @Tool method of the class and refuses two tools of the same name.
    ToolSpecifications.toolSpecificationsFrom(declaringClass);
    List<Tool> tools = new ArrayList<>();
    for (Method method : declaringClass.getDeclaredMethods()) {
      if (!method.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class)) {
        continue;
      }
      ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
      String where = declaringClass.getName() + "." + method.getName();
      if (!NAME.matcher(specification.name()).matches()) {
        throw new IllegalStateException(
            where
                + ": tool name '"
                + specification.name()
                + "' must be lower case letters, digits, '_' or '.'; set @Tool(name = ...)");
      }
      method.setAccessible(true);
      try {
        tools.add(new MethodTool(specification, sideEffect(method, where), target, method));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + ": " + e.getMessage(), e);
      }
    }
    tools.sort(Comparator.comparing(Tool::name));
    return List.copyOf(tools);
  }

  private static SideEffect sideEffect(Method method, String where) {
    SideEffectClass declared = method.getAnnotation(SideEffectClass.class);
    if (declared == null) {
      declared = method.getDeclaringClass().getAnnotation(SideEffectClass.class);
    }
    if (declared == null) {
      throw new IllegalStateException(
          where
              + " declares no side-effect class: annotate the method or its class with"
              + " @SideEffectClass(READ_ONLY | IDEMPOTENT | NON_IDEMPOTENT)");
    }
    return declared.value();
  }
}
