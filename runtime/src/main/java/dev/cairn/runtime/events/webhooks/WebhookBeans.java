package dev.cairn.runtime.events.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;

/** Produces the webhook helpers that configuration shapes, failing at startup when it is wrong. */
@ApplicationScoped
public class WebhookBeans {
  /**
   * The secret sealer.
   *
   * @param config webhook settings
   * @return the sealer, with the configured key or none
   */
  @Produces
  @Singleton
  public SecretSealer sealer(WebhookConfig config) {
    return SecretSealer.of(config.secretKey());
  }

  /**
   * The retry schedule.
   *
   * @param config webhook settings
   * @return the schedule
   */
  @Produces
  @Singleton
  public RetrySchedule retrySchedule(WebhookConfig config) {
    return new RetrySchedule(
        config.backoffBase(),
        config.backoffMax(),
        config.maxAttempts(),
        () -> ThreadLocalRandom.current().nextDouble());
  }
}
