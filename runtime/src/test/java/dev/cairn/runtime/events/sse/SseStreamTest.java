package dev.cairn.runtime.events.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.StoredEvent;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

/**
 * One stream between the poller and a client that takes events at its own pace: bounded buffer,
 * keep-alive, end of life, and the hang-up of a client that stops taking events.
 */
class SseStreamTest {
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Duration STALL = Duration.ofSeconds(30);
  private final MovableClock clock = new MovableClock();
  private final AtomicInteger hangUps = new AtomicInteger();
  private final UUID runId = UUID.randomUUID();

  private RunStream stream(int capacity, Duration lifetime) {
    return new RunStream(
        "t1", runId, 0, SseImpl.INSTANCE, clock, capacity, lifetime, hangUps::incrementAndGet);
  }

  private List<StoredEvent> events(int from, int to) {
    List<StoredEvent> events = new ArrayList<>();
    for (int seq = from; seq <= to; seq++) {
      events.add(
          new StoredEvent(
              seq, "900", runId, seq, "t1", "agent", "run.step.committed", "{}", clock.now, 3));
    }
    return events;
  }

  @Test
  void shouldSendOnlyWhatTheClientAsksForAndKeepTheRestWithinTheBuffer() {
    RunStream stream = stream(10, Duration.ofHours(1));
    AssertSubscriber<OutboundSseEvent> client =
        stream.events().subscribe().withSubscriber(AssertSubscriber.create(1));
    stream.deliver(events(1, 4));
    assertThat(client.getItems()).extracting(OutboundSseEvent::getId).containsExactly("1");
    assertThat(stream.room()).isEqualTo(7);
    assertThat(stream.afterSeq()).isEqualTo(4);
    client.request(2);
    assertThat(client.getItems())
        .extracting(OutboundSseEvent::getId)
        .containsExactly("1", "2", "3");
    assertThat(client.getItems().getFirst().getName()).isEqualTo("dev.cairn.run.step.committed");
    assertThat(stream.room()).isEqualTo(9);
  }

  @Test
  void shouldHangUpOnAClientThatTakesNothingForTheStallTimeout() {
    RunStream stream = stream(10, Duration.ofHours(1));
    AssertSubscriber<OutboundSseEvent> client =
        stream.events().subscribe().withSubscriber(AssertSubscriber.create(1));
    stream.deliver(events(1, 3));
    clock.advance(STALL.minusSeconds(1));
    stream.tick(clock.now, KEEP_ALIVE, STALL);
    assertThat(hangUps).hasValue(0);
    client.request(1);
    clock.advance(STALL.minusSeconds(1));
    stream.tick(clock.now, KEEP_ALIVE, STALL);
    assertThat(hangUps).as("it took an event: progress").hasValue(0);
    clock.advance(Duration.ofSeconds(1));
    stream.tick(clock.now, KEEP_ALIVE, STALL);
    assertThat(hangUps).hasValue(1);
    assertThat(stream.isClosed()).isTrue();
    assertThat(stream.room()).as("the buffer is dropped").isEqualTo(10);
  }

  @Test
  void shouldKeepAnIdleClientAliveAndNotABusyOne() {
    RunStream stream = stream(10, Duration.ofHours(1));
    AssertSubscriber<OutboundSseEvent> client =
        stream.events().subscribe().withSubscriber(AssertSubscriber.create(100));
    clock.advance(KEEP_ALIVE.minusSeconds(1));
    stream.tick(clock.now, KEEP_ALIVE, STALL);
    stream.deliver(events(1, 1));
    clock.advance(KEEP_ALIVE.minusSeconds(1));
    stream.tick(clock.now, KEEP_ALIVE, STALL);
    assertThat(client.getItems()).extracting(OutboundSseEvent::getId).containsExactly("1");
    clock.advance(Duration.ofSeconds(1));
    stream.tick(clock.now, KEEP_ALIVE, STALL);
    assertThat(client.getItems()).hasSize(2);
    assertThat(client.getItems().getLast().getComment()).isEqualTo("keep-alive");
    assertThat(client.getItems().getLast().getData()).isNull();
  }

  @Test
  void shouldEndAtTheEndOfItsLifeAfterSendingWhatIsBuffered() {
    RunStream stream = stream(10, Duration.ofSeconds(10));
    AssertSubscriber<OutboundSseEvent> client =
        stream.events().subscribe().withSubscriber(AssertSubscriber.create(1));
    stream.deliver(events(1, 2));
    clock.advance(Duration.ofSeconds(10));
    stream.tick(clock.now, KEEP_ALIVE, STALL);
    assertThat(stream.wantsEvents()).isFalse();
    client.assertNotTerminated();
    client.request(5);
    client.assertCompleted();
    assertThat(client.getItems()).extracting(OutboundSseEvent::getId).containsExactly("1", "2");
    assertThat(hangUps).hasValue(0);
  }

  @Test
  void shouldLeaveTheRegistryWhenTheClientGoesAway() {
    StreamRegistry registry = new StreamRegistry(new TestConfig(2));
    RunStream stream = stream(10, Duration.ofHours(1));
    registry.register(stream);
    AssertSubscriber<OutboundSseEvent> client =
        stream.events().subscribe().withSubscriber(AssertSubscriber.create(1));
    assertThat(registry.openFor("t1")).isEqualTo(1);
    client.cancel();
    assertThat(registry.openFor("t1")).isZero();
    assertThat(stream.isClosed()).isTrue();
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private record TestConfig(int maxStreams) implements SseConfig {
    @Override
    public Duration pollInterval() {
      return Duration.ofMillis(250);
    }

    @Override
    public Duration keepAlive() {
      return KEEP_ALIVE;
    }

    @Override
    public int pageSize() {
      return 200;
    }

    @Override
    public int bufferSize() {
      return 1000;
    }

    @Override
    public Duration stallTimeout() {
      return STALL;
    }

    @Override
    public Duration maxDuration() {
      return Duration.ofMinutes(30);
    }

    @Override
    public int maxStreamsPerTenant() {
      return maxStreams;
    }
  }
}
