package dev.cairn.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.engine.AgentSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The DAG check and the budget shares, without a database. */
class TaskGraphTest {
  private static Map<String, List<String>> edges(String... pairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      String[] parts = pair.split(":", -1);
      map.put(parts[0], parts[1].isEmpty() ? List.of() : List.of(parts[1].split(",")));
    }
    return map;
  }

  @Test
  void aDagHasNoCycleAndKnowsWhatIsReady() {
    TaskGraph graph = new TaskGraph(edges("a:", "b:a", "c:a,b", "d:"));
    assertThat(graph.cycle()).isEmpty();
    assertThat(graph.unknownDependency()).isEmpty();
    assertThat(graph.readyGiven(Set.of())).containsExactlyInAnyOrder("a", "d");
    assertThat(graph.readyGiven(Set.of("a"))).containsExactlyInAnyOrder("a", "b", "d");
  }

  @Test
  void cyclesAreNamedInDependencyOrder() {
    assertThat(new TaskGraph(edges("a:a")).cycle()).contains(List.of("a", "a"));
    assertThat(new TaskGraph(edges("x:", "a:b", "b:c", "c:a")).cycle())
        .contains(List.of("a", "b", "c", "a"));
    assertThat(new TaskGraph(edges("a:")).with(edges("b:c", "c:b")).cycle())
        .contains(List.of("b", "c", "b"));
  }

  @Test
  void unknownDependenciesAreNamed() {
    assertThat(new TaskGraph(edges("a:", "b:zz")).unknownDependency()).contains("b -> zz");
  }

  @Test
  void aDeepChainIsWalkedWithoutRecursion() {
    Map<String, List<String>> chain = new LinkedHashMap<>();
    chain.put("t0", List.of());
    for (int i = 1; i < 5000; i++) {
      chain.put("t" + i, List.of("t" + (i - 1)));
    }
    assertThat(new TaskGraph(chain).cycle()).isEmpty();
  }

  @Test
  void childrenShareWhatIsLeftCappedByTheirOwnLimits() {
    AgentSpec.Budget own = new AgentSpec.Budget(30, 4, 50_000, 3, 900L, 60L, null, null);
    ChildBudgets.Left left = new ChildBudgets.Left(9, 120_000, 3_000L);
    AgentSpec.Budget share = ChildBudgets.share(left, 3, own).orElseThrow();
    assertThat(share.maxModelCalls()).isEqualTo(3);
    assertThat(share.maxTokens()).isEqualTo(40_000);
    assertThat(share.maxCostMicros()).isEqualTo(900L);
    assertThat(share.maxSteps()).isEqualTo(30);
    assertThat(ChildBudgets.share(new ChildBudgets.Left(2, 1000, null), 3, own)).isEmpty();
    AgentSpec.Budget noCost =
        ChildBudgets.share(new ChildBudgets.Left(8, 1000, null), 2, own).orElseThrow();
    assertThat(noCost.maxCostMicros()).isEqualTo(900L);
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(ChildBudgets.deadline(now.plusSeconds(10), own, now)).isEqualTo(now.plusSeconds(10));
    assertThat(ChildBudgets.deadline(null, own, now)).isEqualTo(now.plusSeconds(60));
  }
}
