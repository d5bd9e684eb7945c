package dev.cairn.runtime.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Live events: the broker relay and the event log's retention ({@code cairn.events.*}). */
@ConfigMapping(prefix = "cairn.events")
public interface EventsConfig {
  /**
   * How long events stay in the log after every consumer passed them (SSE clients can resume within
   * this window).
   *
   * @return the retention
   */
  @WithDefault("P7D")
  Duration retention();

  /**
   * How often published events older than the retention are deleted.
   *
   * @return the interval
   */
  @WithDefault("1m")
  Duration pruneInterval();

  /**
   * The broker relay.
   *
   * @return relay settings
   */
  Relay relay();

  /**
   * Relay settings ({@code cairn.events.relay.*}). The relay runs when the {@code cairn-events}
   * channel has a broker connector ({@code mp.messaging.outgoing.cairn-events.connector}).
   */
  interface Relay {
    /**
     * How long the relay sleeps when it found nothing to publish.
     *
     * @return the poll interval
     */
    @WithDefault("50ms")
    Duration pollInterval();

    /**
     * Events read per partition and round; a round publishes at most this many per partition.
     *
     * @return the batch size
     */
    @WithDefault("128")
    int batchSize();

    /**
     * How long the relay waits for the broker to confirm a round before it gives the round up
     * (unconfirmed events are published again, with the same ids).
     *
     * @return the timeout
     */
    @WithDefault("10s")
    Duration confirmTimeout();

    /**
     * Lease on the partitions a replica relays; a replica that stops renewing loses them after this
     * long.
     *
     * @return the lease time
     */
    @WithDefault("15s")
    Duration leaseTtl();

    /**
     * Longest pause between attempts while the broker fails (the pause doubles from the poll
     * interval up to this).
     *
     * @return the longest back-off
     */
    @WithDefault("5s")
    Duration maxBackoff();
  }
}
