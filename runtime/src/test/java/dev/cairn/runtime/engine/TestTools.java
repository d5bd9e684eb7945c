package dev.cairn.runtime.engine;

import dev.cairn.tools.SideEffect;
import java.util.Map;

/** Tool rules used by engine unit tests. */
final class TestTools {
  private TestTools() {}

  static ToolRules rules() {
    return new ToolRules(
        Map.of(
            "calculator",
            new ToolRules.Rule(
                SideEffect.READ_ONLY,
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"expression\":{\"type\":\"string\"}},"
                        + "\"required\":[\"expression\"],\"additionalProperties\":false}")),
            "webhook",
            new ToolRules.Rule(
                SideEffect.IDEMPOTENT,
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"event\":{\"type\":\"string\"}}}")),
            "charge",
            new ToolRules.Rule(SideEffect.NON_IDEMPOTENT, Json.parse("{\"type\":\"object\"}"))));
  }
}
