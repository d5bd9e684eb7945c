package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.StepCommit;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolCatalog;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the run loop does with the answer of the intent recorder: a recorded intent runs the call, a
 * lost lease drops the step, and a call started before (under another lease) is never run again:
 * the run stops for reconciliation.
 */
class RunDriverIntentTest {
  private final List<String> executed = new CopyOnWriteArrayList<>();
  private final List<StepCommit> commits = new CopyOnWriteArrayList<>();

  @Test
  void shouldStopForReconciliationWhenANonIdempotentCallWasStartedBefore() {
    driver(IntentRecorder.Result.ALREADY_STARTED).drive(runCalling("charge"), List.of());

    assertThat(executed).isEmpty();
    assertThat(commits).hasSize(1);
    StepCommit stop = commits.getFirst();
    assertThat(stop.run().status()).isEqualTo(RunStatus.NEEDS_RECONCILIATION.name());
    assertThat(stop.run().waitReason()).isEqualTo("RECONCILIATION");
    assertThat(stop.checkpoint().kind()).isEqualTo("STOP");
    assertThat(stop.checkpoint().decisionJson())
        .contains("NEED_RECONCILIATION", "'charge' was already started");
    // The open intent stays open for the operator; no result is recorded for the call.
    assertThat(stop.toolCall()).isNull();
  }

  @Test
  void shouldRunTheCallWhenItsIntentIsRecorded() {
    driver(IntentRecorder.Result.RECORDED).drive(runCalling("charge"), List.of());

    assertThat(executed).containsExactly("charge");
    assertThat(commits).singleElement().satisfies(c -> assertThat(c.toolCall()).isNotNull());
    assertThat(commits.getFirst().run().status()).isEqualTo(RunStatus.RUNNING.name());
  }

  @Test
  void shouldDropTheStepWhenTheLeaseIsLost() {
    driver(IntentRecorder.Result.LEASE_LOST).drive(runCalling("charge"), List.of());

    assertThat(executed).isEmpty();
    assertThat(commits).isEmpty();
  }

  private static RunSnapshot runCalling(String tool) {
    return RunBuilder.aRun().pending(new ToolCallRequest("c1", tool, "{}")).build();
  }

  private RunDriver driver(IntentRecorder.Result answer) {
    StepCommitter committer =
        step -> {
          commits.add(step);
          return true;
        };
    ModelPort model =
        (run, maxOutputTokens) -> {
          throw new AssertionError("the model is not asked while a call is pending");
        };
    return new RunDriver(
        (runId, tenant, seq, node, epoch, intent) -> answer,
        (runId, node, epoch, charge, reserve, now) -> true,
        runId -> List.of(),
        new CommandMailbox(Duration.ofSeconds(2)),
        committer,
        new StepDecider(3),
        new StepApplier(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30))),
        new StepExecutor(model, ToolCatalog.of(tool("charge", SideEffect.NON_IDEMPOTENT))),
        TestTools::rules,
        Clock.systemUTC(),
        new NoMetrics(),
        new RunDriver.Settings("node-a", 1, Duration.ofSeconds(30), false),
        new RunDriver.Lifecycle() {
          @Override
          public boolean stopping() {
            return false;
          }

          @Override
          public boolean abandoning() {
            return false;
          }
        });
  }

  private Tool tool(String name, SideEffect sideEffect) {
    return new Tool() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return name;
      }

      @Override
      public JsonNode argumentsSchema() {
        return Json.parse("{\"type\":\"object\"}");
      }

      @Override
      public SideEffect sideEffect() {
        return sideEffect;
      }

      @Override
      public ToolResult execute(ToolInvocation invocation) {
        executed.add(name);
        return ToolResult.ok("ok");
      }
    };
  }

  /** Metrics are not under test here. */
  private static final class NoMetrics implements EngineMetrics {
    @Override
    public void stepCommitted(String kind, Duration latency) {}

    @Override
    public void stepPhase(StepPhase phase, long nanos) {}

    @Override
    public void leaseLost() {}

    @Override
    public void commitRetried() {}
  }
}
