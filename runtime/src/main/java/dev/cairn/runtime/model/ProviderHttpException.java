package dev.cairn.runtime.model;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/**
 * An unsuccessful answer of a model provider, with the wait the provider asked for. LangChain4j
 * wraps it (e.g. in a {@code RateLimitException}); {@link ModelErrors} finds it in the causes.
 */
public class ProviderHttpException extends HttpException {
  private final transient Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status
   * @param body the response body
   * @param retryAfter the provider's requested wait, or null
   */
  public ProviderHttpException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  /**
   * The provider's requested wait.
   *
   * @return the wait, or null when the response named none
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
