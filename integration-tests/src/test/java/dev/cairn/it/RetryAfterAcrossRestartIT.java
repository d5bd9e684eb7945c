package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import dev.cairn.testing.FakeOpenAiServer.Fault;
import dev.cairn.testing.FakeOpenAiServer.StatusSent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A provider's Retry-After outlives the replica that heard it: the fake server answers the first
 * request 429 with {@code Retry-After: 8}; once the run is WAITING for its back-off (wake time at
 * least 8 s after the 429), the replica that heard it is SIGKILLed and restarted at once, while a
 * second replica is up throughout the wait (so a lost wake time would show as an early request, not
 * be hidden by a slow restart). Asserted, on the servers' own timestamps: the next request arrives
 * no earlier than 8 s after the 429 was sent, and the run then completes with its script's calls.
 */
class RetryAfterAcrossRestartIT {

  private static final String TEST = "RetryAfterAcrossRestartIT";
  private static final int RETRY_AFTER_SECONDS = 8;

  @Test
  void shouldHonourTheProvidersRetryAfterAcrossAKillAndRestart() {
    try (ScenarioRig rig = ScenarioRig.create(TEST, ScenarioRig.seed())) {
      // Only the first request of the scenario, at whichever node's server, is rate limited.
      AtomicBoolean limited = new AtomicBoolean();
      FakeOpenAiServer.FaultRule firstOnly =
          call ->
              limited.compareAndSet(false, true) ? Fault.status(429, RETRY_AFTER_SECONDS) : null;
      ScenarioRig.Node a = rig.addNode("a", script(), Map.of());
      ScenarioRig.Node b = rig.addNode("b", script(), Map.of());
      a.model().setFaultRule(firstOnly);
      b.model().setFaultRule(firstOnly);
      try {
        a.start();
        b.start();
        a.process().awaitReady();
        b.process().awaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client().publishAgent(ControlAgent.definition("{\"maxSteps\":50}"));
        String runId = ControlAgent.submit(a, "rate limited");

        await("the run waits for its back-off")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> "WAITING".equals(RunRow.status(rig.database(), runId)));
        RunRow waiting = RunRow.read(rig.database(), runId);
        List<StatusSent> statuses = statusesSent(rig);
        assertThat(statuses).as("%s: statuses sent", rig.context()).hasSize(1);
        Instant rateLimitedAt = statuses.get(0).sentAt();
        ScenarioRig.Node heard = a.model().statusesSent().isEmpty() ? b : a;
        ScenarioRig.Node other = heard == a ? b : a;
        rig.note(
            "429 sent to %s at %s; run WAITING (%s) until %s"
                .formatted(
                    heard.process().nodeId(),
                    rateLimitedAt,
                    waiting.waitReason(),
                    waiting.wakeAt()));
        assertThat(waiting.waitReason())
            .as("%s: why the run waits", rig.context())
            .isEqualTo("RETRY_BACKOFF");
        assertThat(waiting.wakeAt())
            .as("%s: the persisted wake time honours Retry-After", rig.context())
            .isAfterOrEqualTo(
                rateLimitedAt.plusSeconds(RETRY_AFTER_SECONDS).truncatedTo(ChronoUnit.MICROS));

        // The replica that heard the 429 dies; the other one is up throughout the wait, and the
        // killed one comes back at once: neither may ask the provider before the wake time.
        Instant killedAt = Instant.now();
        heard.process().kill();
        assertThat(killedAt)
            .as("%s: the kill lands before the wake time", rig.context())
            .isBefore(waiting.wakeAt());
        assertThat(other.process().isAlive())
            .as(
                "%s: a live replica during the whole wait (%s exit code %s, log tail:%n%s)",
                rig.context(),
                other.process().nodeId(),
                other.process().exitCode(),
                other.process().logTail(40))
            .isTrue();
        heard.startAndAwaitReady();
        rig.note(
            "killed %s at %s; restarted and ready %s after the 429"
                .formatted(
                    heard.process().nodeId(),
                    killedAt,
                    Incarnation.seconds(Duration.between(rateLimitedAt, Instant.now()))));

        await("the run completes")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> "COMPLETED".equals(RunRow.status(rig.database(), runId)));
        List<ChatCall> calls =
            rig.allModelCalls().stream()
                .sorted(Comparator.comparing(ChatCall::receivedAt))
                .toList();
        Instant retriedAt = calls.get(1).receivedAt();
        rig.note(
            "retry reached a server %s after the 429 (wake time %s after); %d requests in all"
                .formatted(
                    Incarnation.seconds(Duration.between(rateLimitedAt, retriedAt)),
                    Incarnation.seconds(Duration.between(rateLimitedAt, waiting.wakeAt())),
                    calls.size()));
        rig.writeSummary();

        assertThat(retriedAt)
            .as("%s: the first request after the 429 (server clock)", rig.context())
            .isAfterOrEqualTo(rateLimitedAt.plusSeconds(RETRY_AFTER_SECONDS));
        assertThat(calls)
            .as("%s: requests: the 429, then the script's two", rig.context())
            .hasSize(3);
        assertThat(statusesSent(rig)).as("%s: statuses sent", rig.context()).hasSize(1);
        ControlAgent.assertRecordedCleanly(rig, audit);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  private static List<StatusSent> statusesSent(ScenarioRig rig) {
    return rig.nodes().stream().flatMap(node -> node.model().statusesSent().stream()).toList();
  }

  /** Calculator once, then done; each answer after 200 ms. */
  private static FakeOpenAiServer.Responder script() {
    return ControlAgent.calculatorTurns(1, n -> Duration.ofMillis(200));
  }
}
