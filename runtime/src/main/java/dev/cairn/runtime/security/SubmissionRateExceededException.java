package dev.cairn.runtime.security;

/** A tenant submits runs faster than its quota allows (429 with Retry-After). */
public class SubmissionRateExceededException extends RuntimeException {
  private final long retryAfterSeconds;

  /**
   * Creates the exception.
   *
   * @param tenantId the tenant
   * @param retryAfterSeconds when a submission will be accepted again
   */
  public SubmissionRateExceededException(String tenantId, long retryAfterSeconds) {
    super("tenant '" + tenantId + "' submits runs faster than its quota allows");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * Seconds until a submission will be accepted again.
   *
   * @return at least 1
   */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
