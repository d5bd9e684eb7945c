package dev.cairn.examples.javatool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnitConverterToolTest {
  private final UnitConverterTool tool = new UnitConverterTool();

  private ToolInvocation call(String arguments) throws Exception {
    UUID run = UUID.randomUUID();
    return new ToolInvocation("t", "a", run, 2, run + ":2", new ObjectMapper().readTree(arguments));
  }

  @Test
  void shouldConvertBetweenUnitsOfOneQuantity() throws Exception {
    assertThat(tool.execute(call("{\"value\":5,\"from\":\"km\",\"to\":\"mi\"}")).output())
        .isEqualTo("3.106855961 mi");
    assertThat(tool.execute(call("{\"value\":1,\"from\":\"lb\",\"to\":\"g\"}")).output())
        .isEqualTo("453.59237 g");
    assertThat(tool.sideEffect()).isEqualTo(SideEffect.READ_ONLY);
  }

  @Test
  void shouldRefuseToConvertAMassToALength() {
    assertThatThrownBy(() -> tool.execute(call("{\"value\":1,\"from\":\"kg\",\"to\":\"m\"}")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("cannot convert mass (kg) to length (m)");
  }
}
