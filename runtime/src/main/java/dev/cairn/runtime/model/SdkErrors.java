package dev.cairn.runtime.model;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Retry-After of providers whose SDK brings its own HTTP client (Azure OpenAI, Bedrock), read from
 * the SDK's exception among the causes; the other providers' clients keep it in a {@link
 * ProviderHttpException}.
 */
final class SdkErrors {
  private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");

  private SdkErrors() {}

  /**
   * The wait a provider's SDK error carries.
   *
   * @param e the failure
   * @param now the time HTTP-dates are compared with
   * @param max the longest wait honoured
   * @return the wait, or empty when none was sent
   */
  static Optional<Duration> retryAfter(Throwable e, Instant now, Duration max) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpResponseException azure && azure.getResponse() != null) {
        var response = azure.getResponse();
        Optional<Duration> millis =
            RetryAfter.parseMillis(response.getHeaderValue(RETRY_AFTER_MS), max);
        return millis.isPresent()
            ? millis
            : RetryAfter.parse(response.getHeaderValue(HttpHeaderName.RETRY_AFTER), now, max);
      }
      if (t instanceof AwsServiceException aws
          && aws.awsErrorDetails() != null
          && aws.awsErrorDetails().sdkHttpResponse() != null) {
        return RetryAfter.parse(
            aws.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null),
            now,
            max);
      }
    }
    return Optional.empty();
  }
}
