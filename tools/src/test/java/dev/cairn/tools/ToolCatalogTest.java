package dev.cairn.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue consults tool sources after the built-in tools, and sees their changes. */
class ToolCatalogTest {
  private record Named(String name) implements Tool {
    @Override
    public String description() {
      return name;
    }

    @Override
    public JsonNode argumentsSchema() {
      return JsonNodeFactory.instance.objectNode().put("type", "object");
    }

    @Override
    public SideEffect sideEffect() {
      return SideEffect.READ_ONLY;
    }

    @Override
    public ToolResult execute(ToolInvocation invocation) {
      return ToolResult.ok(name);
    }
  }

  private static final class Source implements ToolSource {
    volatile Map<String, Tool> offered = Map.of();
    volatile long generation;

    @Override
    public Map<String, Tool> offered() {
      return offered;
    }

    @Override
    public Set<String> known() {
      return Set.of("mcp_s_pending", "mcp_s_live");
    }

    @Override
    public long generation() {
      return generation;
    }
  }

  @Test
  void shouldFindASourcesToolOnlyWhileItIsOfferedAndKnowItMeanwhile() {
    Source source = new Source();
    ToolCatalog catalog = ToolCatalog.of(List.of(new Named("clock")), List.of(source));
    long before = catalog.generation();
    assertThat(catalog.find("mcp_s_live")).isEmpty();
    assertThat(catalog.isKnown("mcp_s_live")).isTrue();
    assertThat(catalog.isKnown("mcp_s_nope")).isFalse();

    source.offered = Map.of("mcp_s_live", new Named("mcp_s_live"));
    source.generation++;
    assertThat(catalog.find("mcp_s_live")).isPresent();
    assertThat(catalog.all().keySet()).containsExactly("clock", "mcp_s_live");
    assertThat(catalog.generation()).isGreaterThan(before);
  }

  @Test
  void shouldLetABuiltInToolWinOverASourcesToolOfTheSameName() {
    Source source = new Source();
    Named builtIn = new Named("clock");
    source.offered = Map.of("clock", new Named("clock"));
    ToolCatalog catalog = ToolCatalog.of(List.of(builtIn), List.of(source));
    assertThat(catalog.find("clock")).containsSame(builtIn);
  }
}
