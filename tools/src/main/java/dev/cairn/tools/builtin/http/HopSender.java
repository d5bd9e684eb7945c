package dev.cairn.tools.builtin.http;

import dev.cairn.tools.ToolException;
import dev.cairn.tools.egress.EgressTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one request to the address the egress guard checked, never resolving the host again (Host
 * header and TLS server name carry the URL's host). Follows no redirect itself, bounds connect and
 * request time, and stops reading an answer at the size limit. Blocks the calling thread.
 */
final class HopSender implements AutoCloseable {
  private final HttpClient client;
  private final long requestMillis;
  private final int maxResponseBytes;

  HopSender(Vertx vertx, HttpToolSettings settings) {
    this.requestMillis = settings.requestTimeout().toMillis();
    this.maxResponseBytes = settings.maxResponseBytes();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setTrustAll(false)
                .setKeepAlive(false)
                .setMaxRedirects(0));
  }

  /** What one hop answered. */
  record Hop(int status, String contentType, String location, byte[] body, boolean truncated) {}

  Hop send(EgressTarget target, String method, Map<String, String> headers, byte[] body)
      throws ToolException {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(method))
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
    Future<Hop> answer =
        client
            .request(options)
            .compose(
                request -> {
                  sent.set(request);
                  headers.forEach(request::putHeader);
                  return body == null ? request.send() : request.send(Buffer.buffer(body));
                })
            .compose(response -> read(response, sent.get()));
    try {
      return answer
          .toCompletionStage()
          .toCompletableFuture()
          .get(requestMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reset(sent.get());
      throw new ToolException("no complete answer within " + requestMillis + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ToolException(describe(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reset(sent.get());
      throw new ToolException("interrupted");
    }
  }

  private Future<Hop> read(HttpClientResponse response, HttpClientRequest request) {
    Promise<Hop> read = Promise.promise();
    Buffer received = Buffer.buffer();
    response.handler(
        chunk -> {
          int room = maxResponseBytes - received.length();
          if (chunk.length() <= room) {
            received.appendBuffer(chunk);
            return;
          }
          received.appendBuffer(chunk, 0, Math.max(room, 0));
          if (read.tryComplete(hop(response, received, true))) {
            // Stop the transfer: the rest of the answer is never read.
            request.reset();
          }
        });
    response.exceptionHandler(read::tryFail);
    response.endHandler(v -> read.tryComplete(hop(response, received, false)));
    return read.future();
  }

  private static Hop hop(HttpClientResponse response, Buffer body, boolean truncated) {
    return new Hop(
        response.statusCode(),
        response.getHeader("Content-Type"),
        response.getHeader("Location"),
        body.getBytes(),
        truncated);
  }

  private static void reset(HttpClientRequest request) {
    if (request != null) {
      request.reset();
    }
  }

  /** Why a request failed, for the model: no class names, no stack, no addresses. */
  private static String describe(Throwable cause) {
    if (cause instanceof java.net.ConnectException) {
      return "cannot connect to the host";
    }
    if (cause instanceof javax.net.ssl.SSLException) {
      return "TLS failed";
    }
    if (cause.getClass().getSimpleName().contains("Timeout")) {
      return "timed out";
    }
    return "request failed";
  }

  @Override
  public void close() {
    client.close();
  }
}
