package dev.cairn.runtime.events.sse;

import dev.cairn.persistence.store.StoredEvent;
import java.util.Set;

/**
 * Which events a tenant stream sends: of one agent (or any), of some types (or any).
 *
 * @param agent the agent's name, or null for every agent
 * @param types event types without the CloudEvents prefix (e.g. {@code run.completed}); empty for
 *     every type
 */
public record EventFilter(String agent, Set<String> types) {
  /** Every event. */
  public static final EventFilter ALL = new EventFilter(null, Set.of());

  /** Copies the types. */
  public EventFilter {
    types = Set.copyOf(types);
  }

  /**
   * Whether the stream sends an event.
   *
   * @param event the event
   * @return true when it passes both filters
   */
  public boolean matches(StoredEvent event) {
    return (agent == null || agent.equals(event.agentName()))
        && (types.isEmpty() || types.contains(event.type()));
  }
}
