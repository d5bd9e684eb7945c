package dev.cairn.runtime.events.sse;

import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.runtime.events.CloudEvents;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The events of one run, by seq: each event's SSE id is its seq in the run. */
public final class RunStream extends SseStream {
  private final UUID runId;
  private volatile int afterSeq;

  /**
   * Creates the stream.
   *
   * @param tenantId the run's tenant
   * @param runId the run
   * @param afterSeq the last seq the client has (0 for all)
   * @param sse builds the events
   * @param clock the clock
   * @param capacity events buffered at most
   * @param lifetime when the stream ends by itself
   * @param hangUp closes the client's connection
   */
  public RunStream(
      String tenantId,
      UUID runId,
      int afterSeq,
      Sse sse,
      Clock clock,
      int capacity,
      Duration lifetime,
      Runnable hangUp) {
    super(tenantId, sse, clock, capacity, lifetime, hangUp);
    this.runId = runId;
    this.afterSeq = afterSeq;
  }

  /**
   * The run.
   *
   * @return its id
   */
  public UUID runId() {
    return runId;
  }

  /**
   * The last seq read for the client.
   *
   * @return the seq
   */
  public int afterSeq() {
    return afterSeq;
  }

  /**
   * Takes the run's next events, in seq order, right after {@link #afterSeq()} (seqs are gap-free;
   * only events pruned from the log can be missing).
   *
   * @param events the events
   */
  void deliver(List<StoredEvent> events) {
    List<OutboundSseEvent> out = new ArrayList<>(events.size());
    for (StoredEvent event : events) {
      out.add(
          sse()
              .newEventBuilder()
              .id(Integer.toString(event.seq()))
              .name(CloudEvents.type(event))
              .data(CloudEvents.toJson(event))
              .build());
      afterSeq = event.seq();
    }
    enqueue(out);
  }

  @Override
  protected OutboundSseEvent keepAliveEvent() {
    return sse().newEventBuilder().comment("keep-alive").build();
  }
}
