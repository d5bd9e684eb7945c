package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.StepOutcome;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import java.time.Duration;

/**
 * Classifies provider failures: rate limits, server errors, timeouts and broken connections are
 * retryable; authentication, bad requests and unknown models are not. The provider's Retry-After,
 * when it sent one, travels with the error. Messages carry no secrets.
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
    Duration retryAfter = retryAfterOf(e);
    if (e instanceof RateLimitException) {
      return sent(true, "rate limited by the provider (429)", retryAfter);
    }
    if (e instanceof AuthenticationException) {
      return sent(false, "the provider rejected the credentials", null);
    }
    if (e instanceof ModelNotFoundException) {
      return sent(false, "the provider does not know the model", null);
    }
    if (e instanceof InvalidRequestException) {
      return sent(false, "the provider rejected the request", null);
    }
    if (e instanceof HttpException http) {
      int status = http.statusCode();
      boolean retryable = status == 429 || status == 408 || status >= 500;
      return sent(retryable, "provider answered HTTP " + status, retryAfter);
    }
    if (e instanceof NonRetriableException) {
      return sent(false, "provider error: " + describe(e), null);
    }
    if (e instanceof RetriableException) {
      String status =
          e.getCause() instanceof HttpException http ? " (" + http.statusCode() + ")" : "";
      return sent(true, "provider error: " + describe(e) + status, retryAfter);
    }
    if (e instanceof IllegalArgumentException) {
      return sent(false, "model configuration error: " + e.getMessage(), null);
    }
    // Broken connections, timeouts and unparsable answers surface as other runtime exceptions:
    // they are transient more often than not, and the attempt limit bounds the cost.
    return sent(true, "model call failed: " + describe(rootCause(e)), null);
  }

  /**
   * The error of a request the gateway did not send because the provider's breaker is open.
   *
   * @param provider the provider
   * @param model the model
   * @param retryAfter time until the breaker lets a call through
   * @return the error outcome
   */
  public static StepOutcome.ModelError breakerOpen(
      String provider, String model, Duration retryAfter) {
    return new StepOutcome.ModelError(
        true,
        "not sent: circuit breaker open for "
            + provider
            + " model "
            + model
            + " after repeated failures; next try in "
            + retryAfter.toMillis()
            + " ms",
        retryAfter,
        true);
  }

  private static StepOutcome.ModelError sent(
      boolean retryable, String message, Duration retryAfter) {
    return new StepOutcome.ModelError(retryable, message, retryAfter, false);
  }

  /** The Retry-After of the provider's answer, found among the causes; null when none. */
  private static Duration retryAfterOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProviderHttpException http) {
        return http.retryAfter();
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * A failure's kind in words, from its type's name ({@code SocketTimeoutException} becomes "socket
   * timeout"), so answers never carry class names or messages.
   */
  static String describe(Throwable e) {
    String name = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
    String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    return words.isBlank() ? "unknown failure" : words;
  }
}
