package dev.cairn.runtime.events.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook settings ({@code cairn.webhooks.*}); docs/events-webhooks.md lists them. */
@ConfigMapping(prefix = "cairn.webhooks")
public interface WebhookConfig {
  /**
   * Whether this replica creates and sends deliveries (the API works either way).
   *
   * @return true to run the dispatcher and the delivery workers here
   */
  @WithDefault("true")
  boolean enabled();

  /**
   * Whether loopback and private targets are allowed (development, receivers inside the cluster).
   * Link-local and metadata addresses stay refused unless {@link #allowedNetworks()} lists them.
   *
   * @return false by default
   */
  @WithDefault("false")
  boolean allowPrivateTargets();

  /**
   * Address blocks allowed whatever their class, in CIDR notation (e.g. {@code 10.20.0.0/16}).
   *
   * @return the blocks
   */
  Optional<List<String>> allowedNetworks();

  /**
   * Most live subscriptions per tenant (at most 1000).
   *
   * @return the limit
   */
  @WithDefault("25")
  int maxSubscriptionsPerTenant();

  /**
   * Attempts before a delivery is dead.
   *
   * @return the attempts
   */
  @WithDefault("8")
  int maxAttempts();

  /**
   * Delay before the second attempt; doubled for each further one, with jitter.
   *
   * @return the base delay
   */
  @WithDefault("30s")
  Duration backoffBase();

  /**
   * Longest delay between attempts.
   *
   * @return the cap
   */
  @WithDefault("1h")
  Duration backoffMax();

  /**
   * Time to connect to a receiver.
   *
   * @return the timeout
   */
  @WithDefault("5s")
  Duration connectTimeout();

  /**
   * Time for a whole request, from sending to the end of the answer.
   *
   * @return the timeout
   */
  @WithDefault("10s")
  Duration requestTimeout();

  /**
   * Most bytes of an answer read; the rest is not read.
   *
   * @return the limit
   */
  @WithDefault("65536")
  int maxResponseBytes();

  /**
   * Most deliveries in flight on this replica.
   *
   * @return the limit
   */
  @WithDefault("16")
  int maxInFlight();

  /**
   * How often idle loops look for new events and due deliveries.
   *
   * @return the interval
   */
  @WithDefault("1s")
  Duration pollInterval();

  /**
   * Most events read per log partition at once.
   *
   * @return the batch size
   */
  @WithDefault("200")
  int batchSize();

  /**
   * How long finished deliveries (delivered or dead) are kept.
   *
   * @return the retention
   */
  @WithDefault("14d")
  Duration retention();

  /**
   * Key sealing the signing secrets at rest: 32 bytes, base64. Without it secrets are stored
   * unsealed (still never returned by the API after creation).
   *
   * @return the key
   */
  Optional<String> secretKey();
}
