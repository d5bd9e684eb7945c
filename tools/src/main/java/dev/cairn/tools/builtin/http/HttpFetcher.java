package dev.cairn.tools.builtin.http;

import dev.cairn.tools.ToolException;
import dev.cairn.tools.egress.EgressGuard;
import dev.cairn.tools.egress.EgressRefusedException;
import dev.cairn.tools.egress.EgressTarget;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Performs the HTTP tools' requests: every hop's host must be on the allow-list and every address
 * it resolves to must pass the egress guard, and the request goes to the checked address. Redirects
 * are followed here, never by the client, at most {@link HttpToolSettings#maxRedirects()} times; a
 * POST answered with 301, 302 or 303 continues as a GET without body, and one answered with 307 or
 * 308 is not sent again (the answer is returned, marked unfollowed).
 */
public final class HttpFetcher implements AutoCloseable {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpToolSettings settings;
  private final EgressGuard guard;
  private final HopSender sender;

  /**
   * Creates the fetcher.
   *
   * @param vertx the Vert.x instance whose client sends the requests
   * @param settings the limits
   * @param resolver how host names are resolved (the system resolver outside tests)
   */
  public HttpFetcher(Vertx vertx, HttpToolSettings settings, EgressGuard.Resolver resolver) {
    this.settings = settings;
    this.guard = new EgressGuard(settings.policy(), resolver);
    this.sender = new HopSender(vertx, settings);
  }

  /**
   * The limits in force.
   *
   * @return the settings
   */
  public HttpToolSettings settings() {
    return settings;
  }

  HttpAnswer fetch(HttpCall call) throws ToolException {
    String url = call.url();
    String method = call.method();
    byte[] body = call.body();
    Map<String, String> headers = call.headers();
    URI first = checkedUri(url);
    for (int redirects = 0; ; redirects++) {
      URI uri = checkedUri(url);
      EgressTarget target = target(url);
      HopSender.Hop hop = sender.send(target, method, headers, body);
      HttpAnswer answer =
          new HttpAnswer(
              url, hop.status(), hop.contentType(), hop.body(), hop.truncated(), redirects, null);
      if (!REDIRECTS.contains(hop.status()) || hop.location() == null) {
        return answer;
      }
      if (redirects == settings.maxRedirects()) {
        return answer.unfollowed("more than " + settings.maxRedirects() + " redirects");
      }
      boolean keepsMethod = hop.status() == 307 || hop.status() == 308;
      if (keepsMethod && body != null) {
        return answer.unfollowed("a request body is not sent again to another location");
      }
      String next = resolve(uri, hop.location());
      try {
        checkedUri(next);
        guard.check(next);
      } catch (ToolException | EgressRefusedException e) {
        throw new ToolException("redirect to " + next + " refused: " + e.getMessage());
      }
      if (!sameOrigin(first, URI.create(next))) {
        // Headers the model chose for one host are not handed to another.
        headers = Map.of();
      }
      if (!keepsMethod) {
        method = "GET";
        body = null;
      }
      url = next;
    }
  }

  private URI checkedUri(String url) throws ToolException {
    URI uri;
    try {
      uri = EgressGuard.parse(url);
    } catch (EgressRefusedException e) {
      throw new ToolException(e.getMessage());
    }
    if (!settings.hosts().allows(uri.getHost())) {
      throw new ToolException(
          "host '" + uri.getHost() + "' is not on the allow-list (cairn.tools.http.allowed-hosts)");
    }
    return uri;
  }

  private EgressTarget target(String url) throws ToolException {
    try {
      return guard.check(url);
    } catch (EgressRefusedException e) {
      throw new ToolException(e.getMessage());
    }
  }

  private static String resolve(URI base, String location) throws ToolException {
    try {
      URI next = base.resolve(location.strip());
      // The fragment stays with the client, never on the wire; the guard refuses one.
      return next.getRawFragment() == null
          ? next.toString()
          : next.toString().substring(0, next.toString().indexOf('#'));
    } catch (IllegalArgumentException e) {
      throw new ToolException("the answer redirects to an invalid URL");
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  @Override
  public void close() {
    sender.close();
  }
}
