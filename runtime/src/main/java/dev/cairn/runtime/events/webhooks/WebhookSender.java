package dev.cairn.runtime.events.webhooks;

import dev.cairn.tools.egress.EgressTarget;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts a delivery to the address the egress guard checked, never resolving the host again (the
 * Host header and the TLS server name still carry the URL's host). Follows no redirects, bounds
 * connect and request time, and reads at most {@code cairn.webhooks.max-response-bytes} of the
 * answer. Blocks the calling (virtual) thread.
 */
@ApplicationScoped
public class WebhookSender {
  private final HttpClient client;
  private final long requestMillis;
  private final int maxResponseBytes;

  /**
   * Creates the sender.
   *
   * @param vertx the application's Vert.x
   * @param config webhook settings
   */
  public WebhookSender(Vertx vertx, WebhookConfig config) {
    this.requestMillis = config.requestTimeout().toMillis();
    this.maxResponseBytes = config.maxResponseBytes();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(Math.max(1, config.maxInFlight()))
                .setVerifyHost(true)
                .setTrustAll(false)
                .setKeepAlive(true));
  }

  /**
   * Posts a body.
   *
   * @param target the checked target
   * @param headers request headers
   * @param body the body
   * @return the answer's status, or why there was none
   */
  SendResult post(EgressTarget target, Map<String, String> headers, String body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(
                SocketAddress.inetSocketAddress(
                    new InetSocketAddress(target.addresses().getFirst(), target.port())))
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.tls())
            .setURI(target.requestTarget())
            .setFollowRedirects(false)
            .setIdleTimeout(requestMillis);
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    Future<Integer> status =
        client
            .request(options)
            .compose(
                request -> {
                  sent.set(request);
                  headers.forEach(request::putHeader);
                  return request.send(Buffer.buffer(body));
                })
            .compose(
                response -> {
                  Promise<Integer> read = Promise.promise();
                  AtomicLong seen = new AtomicLong();
                  response.handler(
                      chunk -> {
                        if (seen.addAndGet(chunk.length()) > maxResponseBytes) {
                          read.tryComplete(response.statusCode());
                          sent.get().reset();
                        }
                      });
                  response.exceptionHandler(read::tryFail);
                  response.endHandler(v -> read.tryComplete(response.statusCode()));
                  return read.future();
                });
    try {
      return SendResult.answered(
          status
              .toCompletionStage()
              .toCompletableFuture()
              .get(requestMillis, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      reset(sent.get());
      return SendResult.failed("no answer within " + requestMillis + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return SendResult.failed(describe(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reset(sent.get());
      return SendResult.failed("interrupted (shutdown)");
    }
  }

  private static void reset(HttpClientRequest request) {
    if (request != null) {
      request.reset();
    }
  }

  /** Why a request failed, for operators: no class names, no stack, bounded later. */
  private static String describe(Throwable cause) {
    String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
    if (cause instanceof java.net.ConnectException) {
      return "cannot connect" + message;
    }
    if (cause instanceof javax.net.ssl.SSLException) {
      return "TLS failed" + message;
    }
    if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      return "timed out" + message;
    }
    return "request failed" + message;
  }

  void onStop(@Observes ShutdownEvent event) {
    client.close();
  }
}
