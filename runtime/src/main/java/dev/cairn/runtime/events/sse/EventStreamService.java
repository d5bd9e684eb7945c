package dev.cairn.runtime.events.sse;

import dev.cairn.persistence.store.EventStreamStore;
import dev.cairn.persistence.store.EventStreamStore.LogPosition;
import dev.cairn.runtime.api.problem.CairnException;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Opens live event streams: checks that the run exists in the caller's tenant, picks the start
 * position, admits the stream within the limits and hands it to the shared poller.
 */
@ApplicationScoped
public class EventStreamService {
  private final EventStreamStore store;
  private final StreamRegistry registry;
  private final SsePoller poller;
  private final SseConfig config;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store reads the log
   * @param registry the open streams
   * @param poller the shared reader
   * @param config stream settings
   * @param clock the clock
   */
  public EventStreamService(
      EventStreamStore store,
      StreamRegistry registry,
      SsePoller poller,
      SseConfig config,
      Clock clock) {
    this.store = store;
    this.registry = registry;
    this.poller = poller;
    this.config = config;
    this.clock = clock;
  }

  /**
   * How to open a stream.
   *
   * @param sse builds the events
   * @param timeout asked-for lifetime, or null for the longest allowed
   * @param hangUp closes the client's connection at once
   */
  public record Connection(Sse sse, Duration timeout, Runnable hangUp) {}

  /**
   * A run's events after a seq; the stream ends once the run is terminal and all its events are
   * sent.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @param resume where the client resumes, or null to start at the first event
   * @param connection the client's connection
   * @return the events
   * @throws CairnException 400 for a malformed id, 404 for an unknown run or another tenant's, 429
   *     over the limits
   */
  public Multi<OutboundSseEvent> runEvents(
      String tenantId, UUID runId, Resume resume, Connection connection) {
    int afterSeq = resume == null ? 0 : EventIds.runSeq(resume.field(), resume.lastEventId());
    if (store.findRun(tenantId, runId).isEmpty()) {
      throw CairnException.notFound("run " + runId + " does not exist");
    }
    return open(
        new RunStream(
            tenantId,
            runId,
            afterSeq,
            connection.sse(),
            clock,
            capacity(),
            lifetime(connection),
            connection.hangUp()));
  }

  /**
   * The seq of a run's last event, where a client that has just read the run can start listening
   * without being sent what it already shows.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @return the seq, or 0 when the run has no event or is not the tenant's
   */
  public int lastSeq(String tenantId, UUID runId) {
    return store.findRun(tenantId, runId).map(EventStreamStore.RunTail::lastSeq).orElse(0);
  }

  /**
   * A tenant's events after a position, filtered.
   *
   * @param tenantId the caller's tenant
   * @param filter what to send
   * @param resume where the client resumes, or null for a new stream
   * @param earliest whether a new stream starts at the earliest event instead of now
   * @param connection the client's connection
   * @return the events
   * @throws CairnException 400 for a malformed id, 429 over the limits
   */
  public Multi<OutboundSseEvent> tenantEvents(
      String tenantId, EventFilter filter, Resume resume, boolean earliest, Connection connection) {
    LogPosition start;
    if (resume != null) {
      start = EventIds.position(resume.field(), resume.lastEventId());
    } else {
      start = earliest ? LogPosition.EARLIEST : store.head();
    }
    return open(
        new TenantStream(
            tenantId,
            filter,
            start,
            connection.sse(),
            clock,
            capacity(),
            lifetime(connection),
            connection.hangUp()));
  }

  private Multi<OutboundSseEvent> open(SseStream stream) {
    registry.register(stream);
    poller.wake();
    return stream.events();
  }

  private int capacity() {
    return Math.max(config.bufferSize(), config.pageSize());
  }

  private Duration lifetime(Connection connection) {
    Duration max = config.maxDuration();
    Duration asked = connection.timeout();
    return asked == null || asked.compareTo(max) > 0 ? max : asked;
  }
}
