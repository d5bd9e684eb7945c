package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure part of model routing: candidates, the sticky variant and the price ceiling. */
class ModelRouteTest {
  private static final AgentSpec.ModelSpec MAIN = model("main");
  private static final AgentSpec.ModelSpec BACKUP = model("backup");
  private static final AgentSpec.ModelSpec CHEAP = model("cheap");

  @Test
  void shouldOrderThePrimaryBeforeItsFallbacks() {
    AgentSpec spec = spec(List.of(BACKUP, CHEAP), null);
    assertThat(ModelRoute.candidates(spec, UUID.randomUUID()))
        .containsExactly(
            new ModelRoute("primary", MAIN),
            new ModelRoute("fallback:1", BACKUP),
            new ModelRoute("fallback:2", CHEAP));
    assertThat(ModelRoute.routes(spec)).isTrue();
    assertThat(ModelRoute.routes(spec(null, null))).isFalse();
  }

  @Test
  void shouldCallTheRunsVariantThenTheFallbacksAndAlwaysTheSameVariantForOneRun() {
    AgentSpec spec =
        spec(
            List.of(BACKUP),
            List.of(new AgentSpec.Variant("a", 1, MAIN), new AgentSpec.Variant("b", 1, CHEAP)));
    UUID run = UUID.randomUUID();
    AgentSpec.Variant variant = ModelRoute.variantOf(spec, run);
    for (int i = 0; i < 10; i++) {
      assertThat(ModelRoute.variantOf(spec, run)).isEqualTo(variant);
    }
    assertThat(ModelRoute.candidates(spec, run))
        .containsExactly(
            new ModelRoute("variant:" + variant.name(), variant.model()),
            new ModelRoute("fallback:1", BACKUP));
  }

  @Test
  void shouldSplitByWeight() {
    AgentSpec spec =
        spec(
            null,
            List.of(
                new AgentSpec.Variant("a", 700, MAIN),
                new AgentSpec.Variant("b", 200, CHEAP),
                new AgentSpec.Variant("c", 100, BACKUP)));
    Map<String, Integer> counts = new HashMap<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      counts.merge(ModelRoute.variantOf(spec, UUID.randomUUID()).name(), 1, Integer::sum);
    }
    // Binomial sd at n = 100,000 is at most 145 runs; 5 sd either side.
    assertThat(counts.get("a")).isBetween(70_000 - 725, 70_000 + 725);
    assertThat(counts.get("b")).isBetween(20_000 - 635, 20_000 + 635);
    assertThat(counts.get("c")).isBetween(10_000 - 475, 10_000 + 475);
  }

  @Test
  void shouldReserveAtTheHighestPriceOfEachKindOfToken() {
    Map<String, ModelPrice> prices =
        Map.of(
            "main", new ModelPrice(2, 1, 8),
            "backup", new ModelPrice(5, 0.5, 4),
            "cheap", new ModelPrice(0.1, 0.1, 0.4));
    AgentSpec spec =
        spec(
            List.of(BACKUP),
            List.of(new AgentSpec.Variant("x", 1, CHEAP), new AgentSpec.Variant("y", 1, CHEAP)));
    assertThat(ModelRoute.ceilingPrice(spec, m -> prices.get(m.name())))
        .isEqualTo(new ModelPrice(5, 1, 8));
    assertThat(ModelRoute.ceilingPrice(spec(null, null), m -> prices.get(m.name())))
        .isEqualTo(prices.get("main"));
  }

  @Test
  void shouldWriteASpecWithoutRoutesAsBefore() {
    AgentSpec plain =
        new AgentSpec("d", "p", MAIN, List.of(), new AgentSpec.Budget(1, 1, 1, 1), null, null);
    assertThat(Json.write(plain)).doesNotContain("fallbacks").doesNotContain("variants");
    assertThat(Json.write(plain))
        .isEqualTo(
            "{\"description\":\"d\",\"systemPrompt\":\"p\",\"model\":{\"provider\":\"openai\","
                + "\"name\":\"main\",\"temperature\":null,\"script\":[]},\"tools\":[],"
                + "\"budget\":{\"maxSteps\":1,\"maxModelCalls\":1,\"maxTokens\":1,"
                + "\"maxInvalidToolCalls\":1}}");
  }

  private static AgentSpec spec(
      List<AgentSpec.ModelSpec> fallbacks, List<AgentSpec.Variant> variants) {
    return new AgentSpec(
        null,
        null,
        MAIN,
        List.of(),
        new AgentSpec.Budget(1, 1, 1, 1),
        null,
        null,
        fallbacks,
        variants,
        null);
  }

  private static AgentSpec.ModelSpec model(String name) {
    return new AgentSpec.ModelSpec("openai", name, null, List.of(), null);
  }
}
