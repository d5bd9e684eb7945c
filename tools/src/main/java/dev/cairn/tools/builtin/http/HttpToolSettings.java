package dev.cairn.tools.builtin.http;

import dev.cairn.tools.egress.EgressPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Limits of the HTTP tools ({@code cairn.tools.http.*}).
 *
 * @param hosts the hosts that may be reached
 * @param policy which non-public addresses may be reached (none by default)
 * @param allowedHeaders request headers the model may set, lower case
 * @param maxResponseBytes most bytes of an answer read; the rest is cut off
 * @param maxRequestBytes largest request body accepted from the model
 * @param connectTimeout time to connect
 * @param requestTimeout time for one request, from sending to the end of the answer
 * @param maxRedirects most redirects followed
 */
public record HttpToolSettings(
    HostAllowList hosts,
    EgressPolicy policy,
    Set<String> allowedHeaders,
    int maxResponseBytes,
    int maxRequestBytes,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRedirects) {
  /** Headers the model never sets, whatever the configuration: the client owns them. */
  static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "expect",
          "proxy-authorization",
          "proxy-connection",
          "idempotency-key");

  /** Most redirects any configuration may allow. */
  public static final int REDIRECT_LIMIT = 5;

  /** Normalizes the header names and checks the bounds. */
  public HttpToolSettings {
    TreeSet<String> headers = new TreeSet<>();
    for (String header : allowedHeaders) {
      String name = header.strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !RESERVED_HEADERS.contains(name)) {
        headers.add(name);
      }
    }
    allowedHeaders = Set.copyOf(headers);
    if (maxResponseBytes < 1 || maxRequestBytes < 0) {
      throw new IllegalArgumentException("cairn.tools.http: size limits must be positive");
    }
    if (maxRedirects < 0 || maxRedirects > REDIRECT_LIMIT) {
      throw new IllegalArgumentException(
          "cairn.tools.http.max-redirects must be 0 to " + REDIRECT_LIMIT);
    }
  }
}
