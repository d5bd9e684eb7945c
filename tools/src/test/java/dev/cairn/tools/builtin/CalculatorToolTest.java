package dev.cairn.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalculatorToolTest {
  private final CalculatorTool tool = new CalculatorTool();

  private String eval(String expression) throws ToolException {
    var args = new ObjectMapper().createObjectNode().put("expression", expression);
    return tool.execute(new ToolInvocation("t", "a", UUID.randomUUID(), 1, "k", args)).output();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1+2*3|7",
        "(1+2)*3|9",
        "-4 + 10 / 4|-1.5",
        "(17 + 25) * 2|84",
        "2*-3|-6",
        "0.1+0.2|0.3"
      })
  void shouldEvaluateArithmetic(String expression, String expected) throws ToolException {
    assertThat(eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1/0", "1+", "(1", "2 ^ 3", "abc", "1..2", ""})
  void shouldReportMalformedExpressions(String expression) {
    assertThatThrownBy(() -> eval(expression)).isInstanceOf(ToolException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 200})
  void shouldRefuseDeepNesting(int depth) {
    String deep = "(".repeat(depth) + "1" + ")".repeat(depth);
    assertThatThrownBy(() -> eval(deep)).hasMessageContaining("nested too deeply");
  }
}
