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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run loop overlaps a step's commit only with work that leaves nothing behind, and never
 * commits a step before the one it builds on. The committer here answers after a delay, so the
 * order of events shows what waited for what.
 */
class RunDriverOverlapTest {
  private static final long COMMIT_DELAY_MS = 40;

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final Set<Integer> committedSeqs = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService commitThread =
      Executors.newSingleThreadScheduledExecutor();
  private volatile boolean loseLeaseAtSeq1;

  @AfterEach
  void stop() {
    commitThread.shutdownNow();
  }

  /** Whether the step before {@code seq} had committed when this happened. */
  private String relation(int seq) {
    if (seq == 1) {
      return " (first step)";
    }
    return committedSeqs.contains(seq - 1) ? " after commit" : " before commit";
  }

  /** Answers each commit after a delay, as a busy database would. */
  private final class SlowCommitter implements StepCommitter {
    @Override
    public boolean commit(StepCommit step) {
      return submit(step).join();
    }

    @Override
    public CompletableFuture<Boolean> submit(StepCommit step) {
      int seq = step.checkpoint().seq();
      events.add("submit " + seq);
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      commitThread.schedule(
          () -> {
            boolean held = !(loseLeaseAtSeq1 && seq == 1);
            if (held) {
              committedSeqs.add(seq);
            }
            events.add((held ? "committed " : "lost ") + seq);
            done.complete(held);
          },
          COMMIT_DELAY_MS,
          TimeUnit.MILLISECONDS);
      return done;
    }
  }

  /** Model: a calculator call, then a webhook call, then a final answer. */
  private final class ScriptModel implements ModelPort {
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public StepOutcome ask(RunSnapshot run, int maxOutputTokens) {
      int seq = run.nextSeq();
      events.add("model " + seq + relation(seq));
      return switch (calls.getAndIncrement()) {
        case 0 ->
            new StepOutcome.ModelAnswer(
                null,
                List.of(new ToolCallRequest("c1", "calculator", "{\"expression\":\"1+1\"}")),
                1,
                1);
        case 1 ->
            new StepOutcome.ModelAnswer(
                null, List.of(new ToolCallRequest("c2", "webhook", "{\"event\":\"x\"}")), 1, 1);
        default -> new StepOutcome.ModelAnswer("done", List.of(), 1, 1);
      };
    }
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
        int seq = invocation.seq();
        events.add("tool " + name + " " + seq + relation(seq));
        return ToolResult.ok("ok");
      }
    };
  }

  private RunDriver driver(boolean overlap) {
    IntentRecorder intents =
        (runId, tenant, seq, node, epoch, intent) -> {
          events.add("intent " + seq + relation(seq));
          return IntentRecorder.Result.RECORDED;
        };
    return new RunDriver(
        intents,
        (runId, node, epoch, charge, reserve, now) -> {
          events.add("reserve " + reserve.calls());
          return true;
        },
        runId -> List.of(),
        new CommandMailbox(Duration.ofSeconds(2)),
        new SlowCommitter(),
        new StepDecider(3),
        new StepApplier(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30))),
        new StepExecutor(
            new ScriptModel(),
            ToolCatalog.of(
                tool("calculator", SideEffect.READ_ONLY), tool("webhook", SideEffect.IDEMPOTENT))),
        TestTools::rules,
        Clock.systemUTC(),
        new NoMetrics(),
        new RunDriver.Settings("node-a", 50, Duration.ofSeconds(30), overlap),
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

  @Test
  void shouldOverlapOnlyReadOnlyCallsAndCommitInOrder() {
    driver(true).drive(RunBuilder.aRun().build(), List.of());

    List<String> seen = List.copyOf(events);
    // Five steps: model, calculator, model, webhook, final answer; all committed.
    assertThat(committedSeqs).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    // The calculator (read-only) ran while the step before was still being committed; a model
    // call spends budget, so it waits until the commit holding its reservation is durable.
    assertThat(seen).contains("tool calculator 2 before commit", "model 3 after commit");
    // The webhook has side effects: its intent and call came only after step 3 was durable.
    assertThat(seen).contains("intent 4 after commit", "tool webhook 4 after commit");
    // Every step was handed to the committer only after the previous one had committed.
    for (int seq = 2; seq <= 5; seq++) {
      assertThat(seen.indexOf("submit " + seq))
          .as("submit of %d after commit of %d", seq, seq - 1)
          .isGreaterThan(seen.indexOf("committed " + (seq - 1)));
    }
    // The loop returned only once its last commit had landed.
    assertThat(seen.getLast()).isEqualTo("committed 5");
  }

  @Test
  void shouldDropTheOverlappedStepWhenThePreviousCommitLostTheLease() {
    loseLeaseAtSeq1 = true;

    driver(true).drive(RunBuilder.aRun().build(), List.of());

    List<String> seen = List.copyOf(events);
    assertThat(seen).contains("lost 1", "tool calculator 2 before commit");
    // The calculator's result built on a step that was never recorded: it is not submitted.
    assertThat(seen).doesNotContain("submit 2");
    assertThat(committedSeqs).isEmpty();
  }

  @Test
  void shouldWaitForEveryCommitWhenOverlapIsOff() {
    driver(false).drive(RunBuilder.aRun().build(), List.of());

    List<String> seen = List.copyOf(events);
    assertThat(committedSeqs).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(seen)
        .contains("tool calculator 2 after commit", "model 3 after commit", "model 5 after commit")
        .noneMatch(e -> e.endsWith("before commit"));
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
