package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.engine.StepOutcome;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelErrorsTest {

  @Test
  void shouldCarryTheProvidersRetryAfterOfARateLimitOrAnUnavailableServer() {
    StepOutcome.ModelError limited =
        ModelErrors.classify(
            new RateLimitException(new ProviderHttpException(429, "{}", Duration.ofSeconds(3))));
    StepOutcome.ModelError unavailable =
        ModelErrors.classify(
            new InternalServerException(
                new ProviderHttpException(503, "{}", Duration.ofSeconds(9))));

    assertThat(limited.retryable()).isTrue();
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(limited.notSent()).isFalse();
    assertThat(unavailable.retryable()).isTrue();
    assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(9));
    assertThat(unavailable.message())
        .isEqualTo("provider error: internal server (503)")
        .doesNotContain("Exception");
  }

  @Test
  void shouldNameAFailureInWordsWithoutClassNames() {
    assertThat(ModelErrors.describe(new java.net.SocketTimeoutException("secret detail")))
        .isEqualTo("socket timeout");
    assertThat(
            ModelErrors.classify(
                    new IllegalStateException(new java.net.ConnectException("10.0.0.1 refused")))
                .message())
        .isEqualTo("model call failed: connect");
  }

  @Test
  void shouldLeaveRetryAfterEmptyWhenTheProviderNamedNone() {
    assertThat(
            ModelErrors.classify(new RateLimitException(new ProviderHttpException(429, "", null)))
                .retryAfter())
        .isNull();
    assertThat(
            ModelErrors.classify(
                    new AuthenticationException(
                        new ProviderHttpException(401, "", Duration.ofSeconds(5))))
                .retryable())
        .isFalse();
  }

  @Test
  void shouldMarkABreakerRefusalAsNotSentWithTheWaitUntilAProbe() {
    StepOutcome.ModelError refused =
        ModelErrors.breakerOpen("openai", "gpt-x", Duration.ofMillis(1500));
    assertThat(refused.notSent()).isTrue();
    assertThat(refused.retryable()).isTrue();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    assertThat(refused.message()).startsWith("not sent: circuit breaker open").contains("gpt-x");
  }
}
