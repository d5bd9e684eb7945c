package dev.cairn.runtime.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem documents for what is refused before the REST layer sees a request: bodies over {@code
 * quarkus.http.limits.max-body-size} (declared by Content-Length, or chunked and growing past it)
 * and requests the router finds malformed (e.g. a bad percent-escape in the query string).
 *
 * <p>An oversized body answers 413 at once; the rest of the body is read and dropped for at most
 * {@link #LINGER_MS} so the client can read the answer, then the connection is closed.
 */
@ApplicationScoped
public class HttpEdgeRoutes {
  /** Runs before Quarkus' own body limit handler (order -2), which answers 413 without a body. */
  static final int ORDER = -3;

  /** How long an oversized body is drained before the connection is closed. */
  static final long LINGER_MS = 2_000;

  private final Optional<MemorySize> maxBodySize;
  private final ObjectMapper mapper;

  /**
   * Creates the routes.
   *
   * @param maxBodySize the configured body limit
   * @param mapper writes problem documents
   */
  public HttpEdgeRoutes(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
      ObjectMapper mapper) {
    this.maxBodySize = maxBodySize;
    this.mapper = mapper;
  }

  void install(@Observes Router router) {
    maxBodySize.ifPresent(
        size -> router.route().order(ORDER).handler(ctx -> limitBody(ctx, size.asLongValue())));
    router.errorHandler(
        400,
        ctx ->
            refuse(
                ctx,
                400,
                "bad-request",
                "Bad Request",
                "the request line, a header or the query string is malformed"));
  }

  private void limitBody(RoutingContext ctx, long limit) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
    if (length != null) {
      if (declaredLength(length) > limit) {
        tooLarge(ctx, limit);
      } else {
        ctx.next();
      }
      return;
    }
    String encoding = request.getHeader(HttpHeaderNames.TRANSFER_ENCODING);
    if (encoding == null || request.isEnded() || request.version() == HttpVersion.HTTP_2) {
      ctx.next();
      return;
    }
    bufferChunked(ctx, limit);
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Reads a chunked body up to the limit and hands it to the REST layer, which reads a body already
   * read from the routing context instead of the request stream.
   */
  private void bufferChunked(RoutingContext ctx, long limit) {
    HttpServerRequest request = ctx.request();
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if ((long) body.length() + chunk.length() > limit) {
            refused[0] = true;
            tooLarge(ctx, limit);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(
        e -> {
          if (!refused[0]) {
            refused[0] = true;
            request.connection().close();
          }
        });
    request.endHandler(
        v -> {
          if (!refused[0]) {
            setBody(ctx, body);
            ctx.next();
          }
        });
    if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(
        request.getHeader(HttpHeaderNames.EXPECT))) {
      ctx.response().writeContinue();
    }
    request.resume();
  }

  @SuppressWarnings("deprecation")
  private static void setBody(RoutingContext ctx, Buffer body) {
    ctx.setBody(body);
  }

  private void tooLarge(RoutingContext ctx, long limit) {
    refuse(
        ctx,
        413,
        "payload-too-large",
        "Payload too large",
        "the request body is larger than " + limit + " bytes");
  }

  /**
   * Answers a problem and closes the connection: what is left of the request is read and dropped
   * until it ends or for at most {@link #LINGER_MS}, so the client reads the answer rather than a
   * connection reset.
   */
  private void refuse(RoutingContext ctx, int status, String slug, String title, String detail) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      request.handler(chunk -> {});
      request.exceptionHandler(e -> {});
      request.resume();
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      close(ctx);
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .end(problem(ctx, status, slug, title, detail))
        .onComplete(
            written -> {
              if (request.isEnded()) {
                close(ctx);
              } else {
                request.endHandler(v -> close(ctx));
                ctx.vertx().setTimer(LINGER_MS, id -> close(ctx));
              }
            });
  }

  private String problem(RoutingContext ctx, int status, String slug, String title, String detail) {
    String path = null;
    try {
      path = ctx.request().path();
    } catch (RuntimeException e) {
      // a request line too broken to have a path
    }
    Problem problem =
        new Problem(
            "urn:cairn:problem:" + slug, title, status, detail, TextSafety.clean(path), null);
    try {
      return mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      return "{\"status\":" + status + "}";
    }
  }

  private static void close(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.version() != HttpVersion.HTTP_2) {
      request.connection().close();
    }
  }
}
