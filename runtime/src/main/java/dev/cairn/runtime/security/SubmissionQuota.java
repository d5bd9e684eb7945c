package dev.cairn.runtime.security;

import dev.cairn.runtime.config.CairnConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run submissions per tenant: a token bucket per tenant and replica ({@code
 * cairn.tenants.submit-rate} per second, bursts up to {@code cairn.tenants.submit-burst}). Over it,
 * a submission is refused with 429 and Retry-After.
 */
@ApplicationScoped
public class SubmissionQuota {
  private static final int MAX_TENANTS = 100_000;
  private final double ratePerSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    private double tokens;
    private long refilledAtNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAtNanos = now;
    }
  }

  /**
   * Creates the quota.
   *
   * @param config configuration
   */
  @Inject
  public SubmissionQuota(CairnConfig config) {
    this(config.tenants().submitRate(), config.tenants().submitBurst());
  }

  SubmissionQuota(double ratePerSecond, int burst) {
    this.ratePerSecond = ratePerSecond;
    this.burst = Math.max(1, burst);
  }

  /**
   * Takes one submission from the tenant's quota.
   *
   * @param tenantId the tenant
   * @throws SubmissionRateExceededException when the quota is spent
   */
  public void acquire(String tenantId) {
    if (ratePerSecond <= 0) {
      return;
    }
    if (buckets.size() >= MAX_TENANTS) {
      buckets.clear();
    }
    long now = System.nanoTime();
    Bucket bucket = buckets.computeIfAbsent(tenantId, t -> new Bucket(burst, now));
    double missing;
    synchronized (bucket) {
      double elapsed = (now - bucket.refilledAtNanos) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerSecond);
      bucket.refilledAtNanos = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      missing = 1 - bucket.tokens;
    }
    long retryAfter = Math.max(1, (long) Math.ceil(missing / ratePerSecond));
    throw new SubmissionRateExceededException(tenantId, retryAfter);
  }
}
