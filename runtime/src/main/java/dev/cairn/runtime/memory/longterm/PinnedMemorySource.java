package dev.cairn.runtime.memory.longterm;

import dev.cairn.runtime.engine.PinnedMemory;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.memory.ContextConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pinned memory for the context builder: the items a person pinned for the run's agent (default
 * namespace), as data under a heading. Text from tools or the web is never pinned, so it never
 * reaches the stable prefix of a prompt. Read at most once per agent every {@link #TTL} on a
 * replica, and not at all while pinned memory has no share of the window (the default).
 */
@ApplicationScoped
public class PinnedMemorySource implements PinnedMemory {
  /** How long an agent's pinned text is reused before it is read again. */
  static final Duration TTL = Duration.ofSeconds(10);

  private final MemoryService memory;
  private final boolean enabled;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String text, Instant until) {}

  /**
   * Creates the source.
   *
   * @param memory long-term memory
   * @param config context settings (a zero pinned share switches this off)
   * @param clock the clock
   */
  @Inject
  public PinnedMemorySource(MemoryService memory, ContextConfig config, Clock clock) {
    this(memory, config.pinnedShare() > 0, clock);
  }

  PinnedMemorySource(MemoryService memory, boolean enabled, Clock clock) {
    this.memory = memory;
    this.enabled = enabled;
    this.clock = clock;
  }

  @Override
  public String textFor(RunSnapshot run) {
    return enabled ? textFor(run.tenantId(), run.agentName()) : "";
  }

  /**
   * The pinned text of an agent, from the cache while it is fresh.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @return the text, empty when nothing is pinned
   */
  String textFor(String tenantId, String agent) {
    String key = tenantId + "\u0000" + agent;
    Instant now = clock.instant();
    Cached cached = cache.get(key);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.text();
    }
    String text = render(memory.pinned(tenantId, agent, ""));
    cache.put(key, new Cached(text, now.plus(TTL)));
    return text;
  }

  /**
   * Pinned items as lines of data, in key order (stable, so the prompt prefix stays cacheable).
   *
   * @param items the items
   * @return the text, empty when none
   */
  static String render(List<MemoryVersion> items) {
    StringBuilder text = new StringBuilder();
    for (MemoryVersion v : items) {
      if (v.deleted() || v.origin() != Origin.PERSON) {
        continue;
      }
      text.append("- ").append(v.key()).append(": ").append(v.content()).append('\n');
    }
    return text.toString();
  }
}
