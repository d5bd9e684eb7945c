package dev.cairn.runtime.events.sse;

import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The streams open on this replica, within the replica's and each tenant's limit. */
@ApplicationScoped
public class StreamRegistry {
  private final SseConfig config;
  private final Set<SseStream> open = new LinkedHashSet<>();
  private final Map<String, Integer> perTenant = new HashMap<>();

  /**
   * Creates the registry.
   *
   * @param config stream settings
   */
  public StreamRegistry(SseConfig config) {
    this.config = config;
  }

  /**
   * Admits a stream; it leaves the registry when it closes.
   *
   * @param stream the new stream
   * @throws CairnException 429 when the replica or the tenant has too many open streams
   */
  public void register(SseStream stream) {
    synchronized (this) {
      int tenant = perTenant.getOrDefault(stream.tenantId(), 0);
      if (open.size() >= config.maxStreams()) {
        throw tooMany("this replica has " + open.size() + " open event streams, its limit");
      }
      if (tenant >= config.maxStreamsPerTenant()) {
        throw tooMany("the tenant has " + tenant + " open event streams here, its limit");
      }
      open.add(stream);
      perTenant.put(stream.tenantId(), tenant + 1);
    }
    stream.onClose(() -> unregister(stream));
    if (stream.isClosed()) {
      unregister(stream);
    }
  }

  /**
   * The open streams now.
   *
   * @return a copy
   */
  public synchronized List<SseStream> open() {
    return new ArrayList<>(open);
  }

  /**
   * How many streams a tenant has open here.
   *
   * @param tenantId the tenant
   * @return the count
   */
  public synchronized int openFor(String tenantId) {
    return perTenant.getOrDefault(tenantId, 0);
  }

  private synchronized void unregister(SseStream stream) {
    if (open.remove(stream)) {
      perTenant.computeIfPresent(stream.tenantId(), (t, n) -> n <= 1 ? null : n - 1);
    }
  }

  private static CairnException tooMany(String detail) {
    return new CairnException(
        429, "too-many-streams", "Too many event streams", detail + "; retry later", List.of());
  }
}
