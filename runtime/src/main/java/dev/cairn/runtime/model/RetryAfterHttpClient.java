package dev.cairn.runtime.model;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * LangChain4j's HTTP client for model providers, on the JDK client, that keeps what LangChain4j's
 * own client drops: the {@code Retry-After} of an unsuccessful answer. Such an answer is thrown as
 * a {@link ProviderHttpException}, which LangChain4j maps (429 to a rate-limit error, and so on)
 * without losing it as the cause. Streaming and multipart requests go to LangChain4j's client.
 */
public final class RetryAfterHttpClient implements HttpClient {
  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final Duration maxRetryAfter;
  private final Clock clock;
  private final HttpClient fallback;

  private RetryAfterHttpClient(Builder builder) {
    java.net.http.HttpClient.Builder http = java.net.http.HttpClient.newBuilder();
    if (builder.connectTimeout != null) {
      http.connectTimeout(builder.connectTimeout);
    }
    this.http = http.build();
    this.readTimeout = builder.readTimeout;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.clock = builder.clock;
    this.fallback =
        HttpClientBuilderLoader.loadHttpClientBuilder()
            .connectTimeout(builder.connectTimeout)
            .readTimeout(builder.readTimeout)
            .build();
  }

  /**
   * A builder.
   *
   * @param maxRetryAfter the longest Retry-After honoured
   * @param clock the clock HTTP-dates are compared with
   * @return the builder
   */
  public static Builder builder(Duration maxRetryAfter, Clock clock) {
    return new Builder(maxRetryAfter, clock);
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
      return fallback.execute(request);
    }
    HttpResponse<String> response;
    try {
      response = http.send(toJdk(request), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a model call", e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw new ProviderHttpException(
          response.statusCode(), response.body(), retryAfter(response).orElse(null));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    fallback.execute(request, parser, listener);
  }

  /** The wait an unsuccessful answer asks for: {@code retry-after-ms}, else {@code Retry-After}. */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<Duration> millis =
        RetryAfter.parseMillis(
            response.headers().firstValue("retry-after-ms").orElse(null), maxRetryAfter);
    if (millis.isPresent()) {
      return millis;
    }
    return RetryAfter.parse(
        response.headers().firstValue("retry-after").orElse(null), clock.instant(), maxRetryAfter);
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder jdk =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request.headers().forEach((name, values) -> values.forEach(v -> jdk.header(name, v)));
    if (readTimeout != null) {
      jdk.timeout(readTimeout);
    }
    java.net.http.HttpRequest.BodyPublisher body =
        request.body() == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
    return jdk.method(request.method().name(), body).build();
  }

  /** Builds {@link RetryAfterHttpClient}s; LangChain4j sets the timeouts. */
  public static final class Builder implements HttpClientBuilder {
    private final Duration maxRetryAfter;
    private final Clock clock;
    private Duration connectTimeout;
    private Duration readTimeout;

    private Builder(Duration maxRetryAfter, Clock clock) {
      this.maxRetryAfter = maxRetryAfter;
      this.clock = clock;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public RetryAfterHttpClient build() {
      return new RetryAfterHttpClient(this);
    }
  }
}
