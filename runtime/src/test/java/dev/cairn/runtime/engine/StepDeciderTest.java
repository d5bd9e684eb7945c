package dev.cairn.runtime.engine;

import static dev.cairn.runtime.engine.RunBuilder.aRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.tools.SideEffect;
import org.junit.jupiter.api.Test;

class StepDeciderTest {
  private static final java.time.Instant NOW = java.time.Instant.parse("2026-01-01T00:01:00Z");

  private Decision decide(RunSnapshot run, ToolRules rules) {
    return decider.decide(run, java.util.List.of(), NOW, rules);
  }

  private final StepDecider decider = new StepDecider(5);
  private final ToolRules tools = TestTools.rules();

  private static ToolCallRequest call(String name, String args) {
    return new ToolCallRequest("c1", name, args);
  }

  @Test
  void shouldCallTheModelWhenNothingIsPending() {
    assertThat(decide(aRun().build(), tools)).isInstanceOf(Decision.CallModel.class);
  }

  @Test
  void shouldCallAPendingToolWithValidArguments() {
    Decision d =
        decide(aRun().pending(call("calculator", "{\"expression\":\"1+1\"}")).build(), tools);
    assertThat(d)
        .isEqualTo(
            new Decision.CallTool(
                call("calculator", "{\"expression\":\"1+1\"}"), SideEffect.READ_ONLY, false));
  }

  @Test
  void shouldRejectAToolTheAgentMayNotUse() {
    Decision d = decide(aRun().pending(call("rm_rf", "{}")).build(), tools);
    assertThat(d).isInstanceOf(Decision.RejectToolCall.class);
    assertThat(((Decision.RejectToolCall) d).reason()).contains("unknown tool 'rm_rf'");
  }

  @Test
  void shouldRejectAnAllowedToolThatIsNotInstalled() {
    Decision d =
        decide(aRun().tools("calculator", "ghost").pending(call("ghost", "{}")).build(), tools);
    assertThat(((Decision.RejectToolCall) d).reason()).contains("not available");
  }

  @Test
  void shouldRejectArgumentsThatAreNotJson() {
    Decision d = decide(aRun().pending(call("calculator", "{expression:")).build(), tools);
    assertThat(((Decision.RejectToolCall) d).reason()).contains("not valid JSON");
  }

  @Test
  void shouldRejectArgumentsThatBreakTheSchema() {
    Decision missing = decide(aRun().pending(call("calculator", "{}")).build(), tools);
    Decision extra =
        decide(aRun().pending(call("calculator", "{\"expression\":\"1\",\"x\":1}")).build(), tools);
    Decision wrongType =
        decide(aRun().pending(call("calculator", "{\"expression\":5}")).build(), tools);
    assertThat(((Decision.RejectToolCall) missing).reason()).contains("expression is required");
    assertThat(((Decision.RejectToolCall) extra).reason()).contains("x is not allowed");
    assertThat(((Decision.RejectToolCall) wrongType).reason()).contains("must be of type string");
  }

  @Test
  void shouldReRunAnIdempotentCallWhoseResultWasNotRecorded() {
    ToolCallRequest c = call("webhook", "{\"event\":\"e\"}");
    Decision d = decide(aRun().pending(c).openIntent(c, SideEffect.IDEMPOTENT).build(), tools);
    assertThat(d).isEqualTo(new Decision.CallTool(c, SideEffect.IDEMPOTENT, true));
  }

  @Test
  void shouldParkANonIdempotentCallWhoseResultWasNotRecorded() {
    ToolCallRequest c = call("charge", "{}");
    Decision d = decide(aRun().pending(c).openIntent(c, SideEffect.NON_IDEMPOTENT).build(), tools);
    assertThat(d).isInstanceOf(Decision.Stop.class);
    assertThat(((Decision.Stop) d).event()).isEqualTo(RunEvent.NEED_RECONCILIATION);
  }

  @Test
  void shouldQuarantineARunThatKeepsCrashingTheRuntime() {
    Decision d = decide(aRun().recoveries(6).build(), tools);
    assertThat(((Decision.Stop) d).event()).isEqualTo(RunEvent.QUARANTINE);
    assertThat(decide(aRun().recoveries(5).build(), tools)).isInstanceOf(Decision.CallModel.class);
  }

  @Test
  void shouldStopAtTheStepBudgetExactly() {
    AgentSpec.Budget budget = new AgentSpec.Budget(10, 50, 1000, 3);
    assertThat(decide(aRun().budget(budget).steps(9).build(), tools))
        .isInstanceOf(Decision.CallModel.class);
    Decision d = decide(aRun().budget(budget).steps(10).build(), tools);
    assertThat(((Decision.Stop) d).event()).isEqualTo(RunEvent.EXCEED_BUDGET);
  }

  @Test
  void shouldStopAtTheModelCallAndTokenBudgets() {
    AgentSpec.Budget budget = new AgentSpec.Budget(100, 4, 1000, 3);
    Decision calls = decide(aRun().budget(budget).usage(4, 0).build(), tools);
    Decision tokens = decide(aRun().budget(budget).usage(1, 1000).build(), tools);
    assertThat(((Decision.Stop) calls).reason()).contains("model call budget");
    assertThat(((Decision.Stop) tokens).reason()).contains("token budget");
  }

  @Test
  void shouldFailAfterTooManyInvalidToolCalls() {
    assertThat(decide(aRun().invalidToolCalls(3).build(), tools))
        .isInstanceOf(Decision.CallModel.class);
    Decision d = decide(aRun().invalidToolCalls(4).build(), tools);
    assertThat(((Decision.Stop) d).event()).isEqualTo(RunEvent.FAIL);
  }

  @Test
  void shouldDecideTheSameForTheSameSnapshot() {
    RunSnapshot run = aRun().pending(call("calculator", "{\"expression\":\"2\"}")).build();
    assertThat(decide(run, tools)).isEqualTo(decide(run, tools));
  }
}
