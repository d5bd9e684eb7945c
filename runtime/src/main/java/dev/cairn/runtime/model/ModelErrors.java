package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.StepOutcome;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;

/**
 * Classifies provider failures: rate limits, server errors, timeouts and broken connections are
 * retryable; authentication, bad requests and unknown models are not. Messages carry no secrets.
 */
public final class ModelErrors {
  private ModelErrors() {}

  /**
   * Classifies an exception thrown by a chat model.
   *
   * @param e the exception
   * @return the error outcome
   */
  public static StepOutcome.ModelError classify(RuntimeException e) {
    if (e instanceof RateLimitException) {
      return new StepOutcome.ModelError(true, "rate limited by the provider (429)", null);
    }
    if (e instanceof AuthenticationException) {
      return new StepOutcome.ModelError(false, "the provider rejected the credentials", null);
    }
    if (e instanceof ModelNotFoundException) {
      return new StepOutcome.ModelError(false, "the provider does not know the model", null);
    }
    if (e instanceof InvalidRequestException) {
      return new StepOutcome.ModelError(false, "the provider rejected the request", null);
    }
    if (e instanceof HttpException http) {
      int status = http.statusCode();
      boolean retryable = status == 429 || status == 408 || status >= 500;
      return new StepOutcome.ModelError(retryable, "provider answered HTTP " + status, null);
    }
    if (e instanceof NonRetriableException) {
      return new StepOutcome.ModelError(
          false, "provider error: " + e.getClass().getSimpleName(), null);
    }
    if (e instanceof RetriableException) {
      return new StepOutcome.ModelError(
          true, "provider error: " + e.getClass().getSimpleName(), null);
    }
    if (e instanceof IllegalArgumentException) {
      return new StepOutcome.ModelError(
          false, "model configuration error: " + e.getMessage(), null);
    }
    // Broken connections, timeouts and unparsable answers surface as other runtime exceptions:
    // they are transient more often than not, and the attempt limit bounds the cost.
    return new StepOutcome.ModelError(true, "model call failed: " + rootCauseName(e), null);
  }

  private static String rootCauseName(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }
}
