package dev.cairn.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.examples.javatool.TicketStore;
import dev.cairn.examples.javatool.TicketTools;
import dev.cairn.runtime.engine.Json;
import dev.cairn.tools.ArgumentValidator;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.SideEffectClass;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.langchain4j.agent.tool.P;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** LangChain4j @Tool methods become Cairn tools with the side-effect class their author chose. */
class MethodToolsTest {
  private static ToolInvocation call(String arguments, String key) {
    return new ToolInvocation("t", "agent", UUID.randomUUID(), 4, key, Json.parse(arguments));
  }

  @Test
  void shouldOfferATicketToolWithTheDeclaredSideEffectAndASchemaTheEngineValidates() {
    Tool tool = MethodTools.of(new TicketTools(new TicketStore()), TicketTools.class).getFirst();

    assertThat(tool.name()).isEqualTo("ticket_create");
    assertThat(tool.sideEffect()).isEqualTo(SideEffect.IDEMPOTENT);
    assertThat(tool.description()).isEqualTo("Opens a support ticket and returns its id.");
    JsonNode schema = tool.argumentsSchema();
    assertThat(schema.path("properties").fieldNames())
        .toIterable()
        .containsExactly("title", "priority");
    assertThat(schema.path("properties").path("priority").path("enum").toString())
        .isEqualTo("[\"LOW\",\"NORMAL\",\"HIGH\"]");
    assertThat(schema.path("required").toString()).isEqualTo("[\"title\",\"priority\"]");
    assertThat(
            ArgumentValidator.validate(
                schema, Json.parse("{\"title\":\"x\",\"priority\":\"URGENT\"}")))
        .hasValueSatisfying(problem -> assertThat(problem).contains("must be one of"));
    assertThat(ArgumentValidator.validate(schema, Json.parse("{\"title\":\"x\"}")))
        .contains("arguments.priority is required");
  }

  @Test
  void shouldPassTheIdempotencyKeySoARepeatedCallOpensNoSecondTicket() throws Exception {
    TicketStore store = new TicketStore();
    Tool tool = MethodTools.of(new TicketTools(store), TicketTools.class).getFirst();
    String args = "{\"title\":\"Printer on fire\",\"priority\":\"HIGH\"}";

    String first = tool.execute(call(args, "run-a:4")).output();
    String again = tool.execute(call(args, "run-a:4")).output();

    assertThat(first).isEqualTo("opened ticket T-1 (HIGH): Printer on fire").isEqualTo(again);
    assertThat(store.attempts()).isEqualTo(2);
    assertThat(store.byKey("run-a:4").id()).isEqualTo("T-1");
  }

  @Test
  void shouldTellTheModelWhatTheMethodThrew() {
    Tool tool = MethodTools.of(new TicketTools(new TicketStore()), TicketTools.class).getFirst();
    assertThatThrownBy(() -> tool.execute(call("{\"title\":\" \",\"priority\":\"LOW\"}", "k:2")))
        .isInstanceOf(ToolException.class)
        .hasMessage("a title of 1 to 200 characters is required");
  }

  /** Declares nothing about its effects. */
  static class Undeclared {
    @dev.langchain4j.agent.tool.Tool(name = "mystery")
    public String mystery(@P("x") String x) {
      return x;
    }
  }

  @Test
  void shouldRefuseAToolMethodWithoutADeclaredSideEffectClass() {
    assertThatThrownBy(() -> MethodTools.of(new Undeclared(), Undeclared.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Undeclared.mystery declares no side-effect class");
  }

  /** A class default with one method that says otherwise. */
  @SideEffectClass(SideEffect.READ_ONLY)
  static class Mixed {
    @dev.langchain4j.agent.tool.Tool(name = "stock_level", value = "Reads stock")
    public int stock(@P("sku") String sku) {
      return sku.length();
    }

    @SideEffectClass(SideEffect.NON_IDEMPOTENT)
    @dev.langchain4j.agent.tool.Tool(name = "stock_order", value = "Orders stock")
    public String order(@P("sku") String sku, @P("count") int count) {
      return "ordered " + count + " " + sku;
    }
  }

  @Test
  void shouldLetAMethodOverrideTheClassSideEffectClass() throws ToolException {
    List<Tool> tools = MethodTools.of(new Mixed(), Mixed.class);
    assertThat(tools).extracting(Tool::name).containsExactly("stock_level", "stock_order");
    assertThat(tools)
        .extracting(Tool::sideEffect)
        .containsExactly(SideEffect.READ_ONLY, SideEffect.NON_IDEMPOTENT);
    assertThat(tools.get(1).execute(call("{\"sku\":\"A7\",\"count\":3}", "k:3")).output())
        .isEqualTo("ordered 3 A7");
    assertThat(
            tools.get(1).argumentsSchema().path("properties").path("count").path("type").asText())
        .isEqualTo("integer");
  }

  /** A tool named like a Java method. */
  @SideEffectClass(SideEffect.READ_ONLY)
  static class CamelCase {
    @dev.langchain4j.agent.tool.Tool("Says hi")
    public String sayHello() {
      return "hi";
    }
  }

  @Test
  void shouldRefuseANameTheModelGatewayCannotOffer() {
    assertThatThrownBy(() -> MethodTools.of(new CamelCase(), CamelCase.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tool name 'sayHello' must be lower case");
  }
}
