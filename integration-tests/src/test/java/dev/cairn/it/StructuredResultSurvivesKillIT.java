package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The count of rejected structured answers survives a SIGKILL. The agent allows one retry; its
 * model answers prose twice, and a matching JSON only from its third answer on. The runtime is
 * killed while the second answer is in flight (after the first was rejected and its feedback
 * committed) and restarted: the run must fail after 2 attempts. A runtime that forgot the first
 * rejection would retry once more and complete with the third answer.
 */
class StructuredResultSurvivesKillIT {
  private static final String TEST = "StructuredResultSurvivesKillIT";
  private static final String AGENT = "structured";

  @Test
  void shouldFailAfterMaxRetriesCountedAcrossAKill() {
    AtomicInteger secondAnswers = new AtomicInteger();
    FakeOpenAiServer.Responder model =
        call ->
            switch (call.assistantCount()) {
              case 0 -> Reply.text("Lyon has about half a million people.");
              case 1 ->
                  Reply.text("Still prose.")
                      .withDelay(
                          secondAnswers.incrementAndGet() == 1
                              ? Duration.ofSeconds(60)
                              : Duration.ofMillis(50));
              default -> Reply.text("{\"city\":\"Lyon\"}");
            };
    try (ScenarioRig rig = ScenarioRig.create(TEST, ScenarioRig.seed())) {
      ScenarioRig.Node a = rig.addNode("a", model, Map.of("CAIRN_LEASE_TTL", "3s"));
      try {
        a.startAndAwaitReady();
        a.client()
            .publishAgent(
                """
                {"name":"%s","model":{"provider":"openai","name":"fake-model"},
                 "result":{"schema":{"type":"object","properties":{"city":{"type":"string"}},
                 "required":["city"],"additionalProperties":false},"maxRetries":1}}"""
                    .formatted(AGENT));
        String runId = a.client().submitRun(AGENT, "\"population of Lyon\"");
        await("the second answer is in flight")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> secondAnswers.get() == 1 && !a.model().inFlight().isEmpty());
        assertThat(RunRow.read(rig.database(), runId).stepCount())
            .as("%s: the rejected first answer is committed", rig.context())
            .isEqualTo(1);

        a.process().kill();
        a.startAndAwaitReady();
        await("the run ends")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    java.util.List.of("FAILED", "COMPLETED")
                        .contains(RunRow.status(rig.database(), runId)));
        RunRow run = RunRow.read(rig.database(), runId);
        rig.note("run %s ended %s: %s".formatted(runId, run.status(), run.error()));
        rig.writeSummary();

        assertThat(run.status()).as("%s: status", rig.context()).isEqualTo("FAILED");
        assertThat(run.error().path("message").asText())
            .as("%s: failure reason", rig.context())
            .startsWith("result did not match the schema after 2 attempts: ");
        assertThat(a.model().calls().stream().filter(c -> c.assistantCount() >= 2).count())
            .as("%s: requests after a second rejection", rig.context())
            .isZero();
        new Invariants(rig.database(), rig.context()).assertCheckpointsContiguous();
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }
}
