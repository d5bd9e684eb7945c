package dev.cairn.runtime.events.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Runs from a queue ({@code cairn.inbound.*}). The channel itself (broker, queue, dead-letter
 * exchange) is configured under {@code mp.messaging.incoming.cairn-runs-in.*} and {@code
 * mp.messaging.outgoing.cairn-runs-dead.*}; its {@code enabled} flags follow {@link #enabled()}.
 */
@ConfigMapping(prefix = "cairn.inbound")
public interface InboundConfig {
  /**
   * Whether the channel consumes at all. Off by default: the quick start has no broker.
   *
   * @return true to consume
   */
  @WithDefault("false")
  boolean enabled();

  /**
   * The one tenant every message of the channel submits for.
   *
   * @return the tenant id
   */
  @WithDefault("default")
  String tenant();

  /**
   * The service actor recorded as the runs' submitter ({@code submittedBy}).
   *
   * @return the actor
   */
  @WithDefault("queue:cairn.runs")
  String actor();

  /**
   * The agents a message may name; when unset, any agent of the tenant.
   *
   * @return the allowed agent names
   */
  Optional<Set<String>> agents();

  /**
   * The largest message body accepted, in bytes (the REST API's body limit by default).
   *
   * @return the limit
   */
  @WithDefault("1048576")
  int maxMessageBytes();

  /**
   * How long one delivery keeps retrying a transient failure (database unreachable, submission rate
   * exceeded) before the message is given back to the broker for a later delivery.
   *
   * @return the time
   */
  @WithDefault("30s")
  Duration retryFor();

  /**
   * First wait between two attempts of a transient failure; it doubles up to {@link
   * #retryMaxDelay()}. A rate limit's own retry time is waited instead.
   *
   * @return the first delay
   */
  @WithDefault("250ms")
  Duration retryBaseDelay();

  /**
   * Longest wait between two attempts.
   *
   * @return the cap
   */
  @WithDefault("5s")
  Duration retryMaxDelay();

  /**
   * Deliveries of one message that all ended in a transient failure before it is dead-lettered
   * (counted by the broker where it can, else by this replica).
   *
   * @return the limit
   */
  @WithDefault("50")
  int maxDeliveries();

  /**
   * How long publishing a dead letter may take before the message is given back to the broker.
   *
   * @return the timeout
   */
  @WithDefault("10s")
  Duration deadLetterTimeout();
}
