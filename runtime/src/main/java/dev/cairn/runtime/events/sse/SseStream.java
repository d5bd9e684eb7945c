package dev.cairn.runtime.events.sse;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open stream of one client: a bounded buffer between the shared poller, which fills it and
 * never waits, and the connection, which takes the next event only when it has written the last one
 * (the HTTP layer requests one item at a time). A client that takes nothing for the stall timeout
 * while events wait is hung up on; it resumes with Last-Event-ID.
 */
public abstract class SseStream {
  private final String tenantId;
  private final Sse sse;
  private final Clock clock;
  private final int capacity;
  private final Instant openedAt;
  private final Instant deadline;
  private final Runnable hangUp;
  private final Deque<OutboundSseEvent> buffer = new ArrayDeque<>();
  private final AtomicInteger draining = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile MultiEmitter<? super OutboundSseEvent> emitter;
  private volatile boolean finishing;
  private volatile Runnable onClose = () -> {};
  private Instant lastSent;
  private Instant waitingSince;

  /**
   * Creates the stream.
   *
   * @param tenantId the tenant whose events it carries
   * @param sse builds the events
   * @param clock the clock
   * @param capacity events buffered at most
   * @param lifetime when the stream ends by itself
   * @param hangUp closes the client's connection at once
   */
  protected SseStream(
      String tenantId, Sse sse, Clock clock, int capacity, Duration lifetime, Runnable hangUp) {
    this.tenantId = tenantId;
    this.sse = sse;
    this.clock = clock;
    this.capacity = capacity;
    this.openedAt = clock.instant();
    this.deadline = openedAt.plus(lifetime);
    this.hangUp = hangUp;
    this.lastSent = openedAt;
  }

  /**
   * The tenant whose events the stream carries.
   *
   * @return the tenant id
   */
  public String tenantId() {
    return tenantId;
  }

  /**
   * The events for the HTTP layer, which subscribes once and requests one at a time.
   *
   * @return the events
   */
  public Multi<OutboundSseEvent> events() {
    return Multi.createFrom().<OutboundSseEvent>emitter(this::attach, BackPressureStrategy.ERROR);
  }

  /**
   * Free places in the buffer.
   *
   * @return how many events the poller may add now
   */
  public synchronized int room() {
    return capacity - buffer.size();
  }

  /**
   * Whether the stream still wants events.
   *
   * @return false once closed or finishing
   */
  public boolean wantsEvents() {
    return !closed.get() && !finishing;
  }

  /**
   * Whether the stream is closed.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  /** Ends the stream once the buffered events are sent. */
  public void finish() {
    finishing = true;
    drain();
  }

  /** Hangs up on the client at once, dropping what is buffered. */
  public void abort() {
    if (!closed.get()) {
      hangUp.run();
      close();
    }
  }

  /**
   * The poller's periodic check: a stalled client is hung up on, an expired stream finished, an
   * idle one kept alive with a comment.
   *
   * @param now the current time
   * @param keepAlive idle time before a keep-alive comment
   * @param stallTimeout how long waiting events may go untaken
   */
  public void tick(Instant now, Duration keepAlive, Duration stallTimeout) {
    if (closed.get()) {
      return;
    }
    boolean stalled;
    boolean idle;
    synchronized (this) {
      stalled =
          (emitter == null && !now.isBefore(openedAt.plus(stallTimeout)))
              || (waitingSince != null && !now.isBefore(waitingSince.plus(stallTimeout)));
      idle = buffer.isEmpty() && !now.isBefore(lastSent.plus(keepAlive));
    }
    if (stalled) {
      abort();
    } else if (!now.isBefore(deadline)) {
      finish();
    } else if (idle && !finishing) {
      enqueue(List.of(keepAliveEvent()));
    }
  }

  /**
   * Runs when the stream closes, however it closes.
   *
   * @param action the action
   */
  void onClose(Runnable action) {
    this.onClose = action;
  }

  /**
   * The comment sent to an idle client.
   *
   * @return the comment event
   */
  protected abstract OutboundSseEvent keepAliveEvent();

  /**
   * Builds events.
   *
   * @return the builder factory
   */
  protected Sse sse() {
    return sse;
  }

  /**
   * Adds events to the buffer and sends what the client can take. The caller keeps within {@link
   * #room()}; the keep-alive comment may go one over.
   *
   * @param events the events, in order
   */
  protected void enqueue(List<OutboundSseEvent> events) {
    if (events.isEmpty() || closed.get()) {
      return;
    }
    synchronized (this) {
      if (buffer.isEmpty()) {
        waitingSince = clock.instant();
      }
      buffer.addAll(events);
    }
    drain();
  }

  private void attach(MultiEmitter<? super OutboundSseEvent> emitter) {
    emitter.onTermination(this::close);
    emitter.onRequest(n -> drain());
    this.emitter = emitter;
    if (closed.get()) {
      emitter.complete();
      return;
    }
    drain();
  }

  /** Sends buffered events while the client has demand; one thread at a time, the others leave. */
  private void drain() {
    if (draining.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      emitWhileDemanded();
      missed = draining.addAndGet(-missed);
    } while (missed != 0);
  }

  private void emitWhileDemanded() {
    MultiEmitter<? super OutboundSseEvent> out = emitter;
    while (out != null && !out.isCancelled() && !closed.get()) {
      OutboundSseEvent next;
      boolean done;
      synchronized (this) {
        done = finishing && buffer.isEmpty();
        next = done || out.requested() <= 0 ? null : buffer.poll();
        if (next != null) {
          lastSent = clock.instant();
          waitingSince = buffer.isEmpty() ? null : lastSent;
        }
      }
      if (done) {
        out.complete();
        close();
        return;
      }
      if (next == null) {
        return;
      }
      out.emit(next);
    }
  }

  private void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (this) {
        buffer.clear();
      }
      onClose.run();
    }
  }
}
