package dev.cairn.runtime.events.inbound;

import dev.cairn.runtime.testing.TestBroker;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inbound channel switched on against the test broker, bound to a tenant of its own, on queues
 * and exchanges named for this run (the broker may be shared and long-lived). One message is handed
 * out at a time, so a message handled after another proves the first was settled.
 */
public class InboundProfile implements QuarkusTestProfile {
  static final String ALLOWED_AGENT = "inbound-echo";
  static final String ALLOWED_MISSING_AGENT = "inbound-ghost";
  static final int MAX_MESSAGE_BYTES = 8192;
  static final int MAX_DELIVERIES = 5;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Map<String, String> getConfigOverrides() {
    String queue = "cairn.runs.test-" + suffix;
    return Map.ofEntries(
        Map.entry("cairn.inbound.enabled", "true"),
        Map.entry("cairn.inbound.tenant", "inbound-" + suffix),
        Map.entry("cairn.inbound.actor", "queue:test"),
        Map.entry("cairn.inbound.agents", ALLOWED_AGENT + "," + ALLOWED_MISSING_AGENT),
        Map.entry("cairn.inbound.max-message-bytes", Integer.toString(MAX_MESSAGE_BYTES)),
        Map.entry("cairn.inbound.retry-base-delay", "50ms"),
        // Short retries and few deliveries, so giving a message back and the delivery limit show.
        Map.entry("cairn.inbound.retry-for", "500ms"),
        Map.entry("cairn.inbound.max-deliveries", Integer.toString(MAX_DELIVERIES)),
        // A small submission rate, so a burst of messages meets it.
        Map.entry("cairn.tenants.submit-rate", "4"),
        Map.entry("cairn.tenants.submit-burst", "2"),
        Map.entry("mp.messaging.incoming.cairn-runs-in.queue.name", queue),
        Map.entry("mp.messaging.incoming.cairn-runs-in.queue.auto-delete", "true"),
        Map.entry("mp.messaging.incoming.cairn-runs-in.exchange.name", queue),
        Map.entry("mp.messaging.incoming.cairn-runs-in.exchange.auto-delete", "true"),
        Map.entry("mp.messaging.incoming.cairn-runs-in.max-outstanding-messages", "1"),
        Map.entry("mp.messaging.incoming.cairn-runs-in.dead-letter-exchange", queue + ".dlx"),
        Map.entry("mp.messaging.incoming.cairn-runs-in.dead-letter-queue-name", queue + ".dead"),
        Map.entry("mp.messaging.incoming.cairn-runs-in.dead-letter-routing-key", queue + ".dead"),
        Map.entry("mp.messaging.outgoing.cairn-runs-dead.exchange.name", queue + ".dlx"),
        Map.entry("mp.messaging.outgoing.cairn-runs-dead.default-routing-key", queue + ".dead"));
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(TestBroker.Resource.class));
  }
}
