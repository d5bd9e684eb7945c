package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunTransitionsTest {

  @Test
  void shouldApplyEveryRowOfTheTable() {
    for (RunTransitions.Transition row : RunTransitions.rows()) {
      assertThat(RunTransitions.apply(row.from(), row.event()))
          .as("%s on %s", row.from(), row.event())
          .isEqualTo(row.to());
    }
  }

  @Test
  void shouldRejectEveryPairThatIsNotInTheTable() {
    Set<String> allowed = new HashSet<>();
    RunTransitions.rows().forEach(r -> allowed.add(r.from() + "/" + r.event()));
    int rejected = 0;
    for (RunStatus from : RunStatus.values()) {
      for (RunEvent event : RunEvent.values()) {
        if (allowed.contains(from + "/" + event)) {
          continue;
        }
        assertThatThrownBy(() -> RunTransitions.apply(from, event))
            .isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining(from.name())
            .hasMessageContaining(event.name());
        assertThat(RunTransitions.allows(from, event)).isFalse();
        rejected++;
      }
    }
    assertThat(rejected)
        .isEqualTo(RunStatus.values().length * RunEvent.values().length - allowed.size());
  }

  @Test
  void shouldLeaveATerminalStateOnlyWhenAnOperatorRetriesAFailedOrQuarantinedRun() {
    for (RunTransitions.Transition row : RunTransitions.rows()) {
      if (row.from().isTerminal()) {
        assertThat(row.event()).as("row %s leaves a terminal state", row).isEqualTo(RunEvent.RETRY);
        assertThat(row.from()).isIn(RunStatus.FAILED, RunStatus.QUARANTINED);
      }
    }
    assertThat(RunTransitions.allows(RunStatus.COMPLETED, RunEvent.RETRY)).isFalse();
    assertThat(RunTransitions.allows(RunStatus.CANCELLED, RunEvent.RETRY)).isFalse();
    assertThat(RunTransitions.allows(RunStatus.BUDGET_EXCEEDED, RunEvent.RETRY)).isFalse();
  }

  @Test
  void shouldReachEveryStateFromQueued() {
    Set<RunStatus> reached = EnumSet.of(RunStatus.QUEUED);
    Deque<RunStatus> todo = new ArrayDeque<>(reached);
    while (!todo.isEmpty()) {
      RunStatus from = todo.pop();
      for (RunTransitions.Transition row : RunTransitions.rows()) {
        if (row.from() == from && reached.add(row.to())) {
          todo.push(row.to());
        }
      }
    }
    assertThat(reached).containsExactlyInAnyOrder(RunStatus.values());
  }

  @Test
  void shouldRenderEveryRowInTheDiagram() {
    String mermaid = RunTransitions.toMermaid();
    for (RunTransitions.Transition row : RunTransitions.rows()) {
      assertThat(mermaid).contains(row.from() + " --> " + row.to() + " : " + row.event());
    }
  }
}
