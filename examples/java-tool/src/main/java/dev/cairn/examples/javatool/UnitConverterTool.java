package dev.cairn.examples.javatool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Way one: a class implementing Cairn's {@link Tool} SPI, made a CDI bean by its scope annotation.
 * Converts lengths and masses; it changes nothing, so it is {@link SideEffect#READ_ONLY}.
 */
@ApplicationScoped
public class UnitConverterTool implements Tool {
  private static final JsonNode SCHEMA;

  static {
    try {
      SCHEMA =
          new ObjectMapper()
              .readTree(
                  """
                  {"type":"object","properties":{
                   "value":{"type":"number","description":"The amount to convert"},
                   "from":{"type":"string","enum":["m","km","mi","ft","kg","g","lb"]},
                   "to":{"type":"string","enum":["m","km","mi","ft","kg","g","lb"]}},
                   "required":["value","from","to"],"additionalProperties":false}""");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public String name() {
    return "unit_convert";
  }

  @Override
  public String description() {
    return "Converts a length (m, km, mi, ft) or a mass (kg, g, lb) to another unit.";
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
  public ToolResult execute(ToolInvocation call) throws ToolException {
    JsonNode arguments = call.arguments();
    Unit from = Unit.valueOf(arguments.get("from").asText().toUpperCase(Locale.ROOT));
    Unit to = Unit.valueOf(arguments.get("to").asText().toUpperCase(Locale.ROOT));
    try {
      double result = from.convert(arguments.get("value").asDouble(), to);
      String rounded =
          new BigDecimal(result).round(new MathContext(10)).stripTrailingZeros().toPlainString();
      return ToolResult.ok(rounded + " " + to);
    } catch (IllegalArgumentException e) {
      throw new ToolException(e.getMessage());
    }
  }
}
