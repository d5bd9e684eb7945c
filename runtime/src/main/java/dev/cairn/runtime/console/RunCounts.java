package dev.cairn.runtime.console;

import dev.cairn.runtime.api.dev.RunReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How many of a tenant's runs are in each state, with the links that filter by it. */
@ApplicationScoped
public class RunCounts {
  private final RunReader reader;

  /**
   * Creates the bean.
   *
   * @param reader run reads
   */
  public RunCounts(RunReader reader) {
    this.reader = reader;
  }

  /**
   * The counts, every state listed (zero included), in the list's order.
   *
   * @param tenantId the tenant
   * @return the counts
   */
  public List<StateCount> of(String tenantId) {
    Map<String, Long> counts = reader.countByStatus(tenantId);
    List<StateCount> out = new ArrayList<>();
    for (String state : RunsResource.STATES) {
      out.add(
          new StateCount(state, counts.getOrDefault(state, 0L), "/console/runs?state=" + state));
    }
    return out;
  }
}
