package dev.cairn.runtime.events.sse;

import dev.cairn.persistence.store.EventStreamStore;
import dev.cairn.persistence.store.EventStreamStore.LogPosition;
import dev.cairn.persistence.store.EventStreamStore.RunCursor;
import dev.cairn.persistence.store.EventStreamStore.RunPage;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.runtime.engine.RunStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one reader of the event log for all streams open on this replica. Each tick reads, per tenant
 * with open streams, one bounded page per distinct stream position (one query for the tenant's run
 * streams, one for its tenant streams), each in a short transaction of its own: no connection is
 * held between ticks or while a client is slow. A stream whose buffer has no room for a page is
 * skipped until its client catches up, so the poller never waits for a client and never buffers
 * without bound. Ticks follow each other at once while some stream has more to read, and otherwise
 * wait for the poll interval or a new stream.
 */
@ApplicationScoped
public class SsePoller {
  private static final Logger LOG = Logger.getLogger(SsePoller.class);
  private final StreamRegistry registry;
  private final EventStreamStore store;
  private final SseConfig config;
  private final Clock clock;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean stopping;

  /**
   * Creates the poller.
   *
   * @param registry the open streams
   * @param store reads the log
   * @param config stream settings
   * @param clock the clock
   */
  public SsePoller(StreamRegistry registry, EventStreamStore store, SseConfig config, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    Thread.ofPlatform().name("cairn-sse-poller").daemon().start(this::loop);
  }

  void onStop(@Observes @Priority(0) ShutdownEvent event) {
    stopping = true;
    wake.release();
    // Clients reconnect with Last-Event-ID, to another replica if this one is gone.
    registry.open().forEach(SseStream::finish);
  }

  /** Reads now instead of at the end of the current wait (a stream was opened). */
  void wake() {
    wake.release();
  }

  private void loop() {
    while (!stopping) {
      boolean more = false;
      try {
        more = tick();
      } catch (RuntimeException e) {
        LOG.warnf("event stream poll failed (%s); retrying", e.getMessage());
      }
      if (!more) {
        try {
          wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * One round over all open streams.
   *
   * @return true when some stream has more to read and room for it
   */
  boolean tick() {
    List<SseStream> open = registry.open();
    if (open.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    Map<String, List<RunStream>> runs = new LinkedHashMap<>();
    Map<String, List<TenantStream>> tenants = new LinkedHashMap<>();
    for (SseStream stream : open) {
      stream.tick(now, config.keepAlive(), config.stallTimeout());
      if (!stream.wantsEvents() || stream.room() < pageSize()) {
        continue;
      }
      switch (stream) {
        case RunStream run -> runs.computeIfAbsent(run.tenantId(), t -> new ArrayList<>()).add(run);
        case TenantStream tenant ->
            tenants.computeIfAbsent(tenant.tenantId(), t -> new ArrayList<>()).add(tenant);
        default -> throw new IllegalStateException("unknown stream " + stream);
      }
    }
    boolean more = false;
    for (Map.Entry<String, List<RunStream>> entry : runs.entrySet()) {
      try {
        more |= readRuns(entry.getKey(), entry.getValue());
      } catch (RuntimeException e) {
        failed(entry.getKey(), e);
      }
    }
    for (Map.Entry<String, List<TenantStream>> entry : tenants.entrySet()) {
      try {
        more |= readTenant(entry.getKey(), entry.getValue());
      } catch (RuntimeException e) {
        failed(entry.getKey(), e);
      }
    }
    return more;
  }

  /** A failed read leaves the streams where they are; the next tick tries again. */
  private static void failed(String tenantId, RuntimeException e) {
    LOG.warnf("reading events of tenant %s for its streams failed: %s", tenantId, e.getMessage());
  }

  private boolean readRuns(String tenantId, List<RunStream> streams) {
    Map<RunCursor, List<RunStream>> byCursor = new LinkedHashMap<>();
    for (RunStream stream : streams) {
      byCursor
          .computeIfAbsent(new RunCursor(stream.runId(), stream.afterSeq()), c -> new ArrayList<>())
          .add(stream);
    }
    List<RunCursor> cursors = new ArrayList<>(byCursor.keySet());
    List<RunPage> pages = store.readRuns(tenantId, cursors, pageSize());
    boolean more = false;
    for (int i = 0; i < cursors.size(); i++) {
      RunPage page = pages.get(i);
      for (RunStream stream : byCursor.get(cursors.get(i))) {
        stream.deliver(page.events());
        if (page.tail() == null || ended(page.tail(), stream.afterSeq())) {
          stream.finish();
        } else if (page.events().size() == pageSize() && stream.room() >= pageSize()) {
          more = true;
        }
      }
    }
    return more;
  }

  private static boolean ended(EventStreamStore.RunTail tail, int afterSeq) {
    return RunStatus.valueOf(tail.status()).isTerminal() && afterSeq >= tail.lastSeq();
  }

  private boolean readTenant(String tenantId, List<TenantStream> streams) {
    Map<LogPosition, List<TenantStream>> byPosition = new LinkedHashMap<>();
    for (TenantStream stream : streams) {
      byPosition.computeIfAbsent(stream.position(), p -> new ArrayList<>()).add(stream);
    }
    List<LogPosition> positions = new ArrayList<>(byPosition.keySet());
    List<List<StoredEvent>> pages = store.readTenant(tenantId, positions, pageSize());
    boolean more = false;
    for (int i = 0; i < positions.size(); i++) {
      List<StoredEvent> page = pages.get(i);
      for (TenantStream stream : byPosition.get(positions.get(i))) {
        stream.deliver(page);
        more |= page.size() == pageSize() && stream.room() >= pageSize();
      }
    }
    return more;
  }

  private int pageSize() {
    return Math.max(1, config.pageSize());
  }
}
