package dev.cairn.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

/** Evaluates arithmetic: + - * / and parentheses over decimal numbers. */
@ApplicationScoped
public class CalculatorTool implements Tool {
  private static final JsonNode SCHEMA =
      Schemas.parse(
          """
          {"type":"object","properties":{"expression":{"type":"string","maxLength":200,
          "description":"Arithmetic expression, e.g. (2+3)*4/5"}},
          "required":["expression"],"additionalProperties":false}""");

  @Override
  public String name() {
    return "calculator";
  }

  @Override
  public String description() {
    return "Evaluates an arithmetic expression with + - * / and parentheses.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return SCHEMA;
  }

  @Override
  public SideEffect sideEffect() {
    return SideEffect.READ_ONLY;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) throws ToolException {
    String expression = invocation.arguments().get("expression").asText();
    BigDecimal value = new ArithmeticParser(expression).parse();
    return ToolResult.ok(value.stripTrailingZeros().toPlainString());
  }
}
