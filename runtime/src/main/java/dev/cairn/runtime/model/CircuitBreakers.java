package dev.cairn.runtime.model;

import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.engine.AgentSpec;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One circuit breaker per remote provider endpoint and model, on this replica. */
final class CircuitBreakers {
  private final CairnConfig.ModelFaults faults;
  private final Clock clock;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  CircuitBreakers(CairnConfig.ModelFaults faults, Clock clock) {
    this.faults = faults;
    this.clock = clock;
  }

  /**
   * The breaker of a remote provider's model, or null for in-process providers and when breakers
   * are off.
   */
  CircuitBreaker forSpec(AgentSpec.ModelSpec spec) {
    if (!ModelProviders.isRemote(spec.provider()) || !faults.breakerEnabled()) {
      return null;
    }
    // Named credentials may point at other endpoints: each gets breakers of its own.
    String endpoint =
        spec.credential() == null
            ? spec.provider()
            : spec.provider() + "[" + spec.credential() + "]";
    String name = endpoint + "/" + spec.name();
    return breakers.computeIfAbsent(
        name,
        n ->
            new CircuitBreaker(
                n,
                new CircuitBreaker.Settings(
                    faults.failureRatio(),
                    faults.minimumCalls(),
                    faults.window(),
                    faults.openDelay()),
                clock));
  }
}
