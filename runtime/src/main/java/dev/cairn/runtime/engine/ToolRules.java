package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.SideEffect;
import java.util.Map;
import java.util.Optional;

/**
 * What the decider needs to know of the tools, as plain data: name to side-effect class and
 * argument schema. Keeps the decider free of CDI and I/O.
 *
 * @param tools available tools by name
 */
public record ToolRules(Map<String, Rule> tools) {
  /**
   * One tool's rules.
   *
   * @param sideEffect side-effect class
   * @param schema argument schema
   * @param stepTool whether it is a {@link StepTool} (its effects commit with the step)
   */
  public record Rule(SideEffect sideEffect, JsonNode schema, boolean stepTool) {
    /**
     * The rules of a tool that is not a step tool.
     *
     * @param sideEffect side-effect class
     * @param schema argument schema
     */
    public Rule(SideEffect sideEffect, JsonNode schema) {
      this(sideEffect, schema, false);
    }
  }

  /**
   * The rules of the given tools.
   *
   * @param tools the tools
   * @return their rules by name
   */
  public static ToolRules of(Iterable<? extends dev.cairn.tools.Tool> tools) {
    java.util.Map<String, Rule> rules = new java.util.HashMap<>();
    for (dev.cairn.tools.Tool tool : tools) {
      rules.put(
          tool.name(),
          new Rule(tool.sideEffect(), tool.argumentsSchema(), tool instanceof StepTool));
    }
    return new ToolRules(Map.copyOf(rules));
  }

  /**
   * Whether the named tool is a step tool.
   *
   * @param name tool name
   * @return true for a step tool
   */
  public boolean isStepTool(String name) {
    return find(name).map(Rule::stepTool).orElse(false);
  }

  /**
   * The rules of a tool, if it is available.
   *
   * @param name tool name
   * @return its rules
   */
  public Optional<Rule> find(String name) {
    return Optional.ofNullable(name == null ? null : tools.get(name));
  }
}
