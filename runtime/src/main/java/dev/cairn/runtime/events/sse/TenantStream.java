package dev.cairn.runtime.events.sse;

import dev.cairn.persistence.store.EventStreamStore.LogPosition;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.runtime.events.CloudEvents;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one tenant's log in commit-consistent order, filtered. Each event's SSE id is its
 * log position; comments carry the position too, so a client whose filter skipped many events
 * resumes after them.
 */
public final class TenantStream extends SseStream {
  private final EventFilter filter;
  private volatile LogPosition position;

  /**
   * Creates the stream and queues its opening comment, which names the start position.
   *
   * @param tenantId the tenant
   * @param filter what to send
   * @param position where to start
   * @param sse builds the events
   * @param clock the clock
   * @param capacity events buffered at most
   * @param lifetime when the stream ends by itself
   * @param hangUp closes the client's connection
   */
  public TenantStream(
      String tenantId,
      EventFilter filter,
      LogPosition position,
      Sse sse,
      Clock clock,
      int capacity,
      Duration lifetime,
      Runnable hangUp) {
    super(tenantId, sse, clock, capacity, lifetime, hangUp);
    this.filter = filter;
    this.position = position;
    enqueue(List.of(comment("stream opened")));
  }

  /**
   * The position read up to for the client.
   *
   * @return the position
   */
  public LogPosition position() {
    return position;
  }

  /**
   * Takes a page of the log right after {@link #position()}: sends what passes the filter and moves
   * past all of it.
   *
   * @param page the events, in commit-consistent order
   */
  void deliver(List<StoredEvent> page) {
    if (page.isEmpty()) {
      return;
    }
    List<OutboundSseEvent> out = new ArrayList<>();
    for (StoredEvent event : page) {
      if (filter.matches(event)) {
        out.add(
            sse()
                .newEventBuilder()
                .id(EventIds.of(LogPosition.of(event)))
                .name(CloudEvents.type(event))
                .data(CloudEvents.toJson(event))
                .build());
      }
    }
    position = LogPosition.of(page.getLast());
    enqueue(out);
  }

  @Override
  protected OutboundSseEvent keepAliveEvent() {
    return comment("keep-alive");
  }

  private OutboundSseEvent comment(String text) {
    return sse().newEventBuilder().id(EventIds.of(position)).comment(text).build();
  }
}
