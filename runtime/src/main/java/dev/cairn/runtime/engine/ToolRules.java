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
   */
  public record Rule(SideEffect sideEffect, JsonNode schema) {}

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
