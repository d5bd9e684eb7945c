package dev.cairn.tools.builtin.http;

import dev.cairn.tools.egress.EgressGuard;
import dev.cairn.tools.egress.EgressPolicy;
import dev.cairn.tools.egress.Network;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the HTTP tools' fetcher from {@code cairn.tools.http.*}, failing at startup when wrong.
 */
@ApplicationScoped
public class HttpToolBeans {
  /**
   * The fetcher shared by {@code http_get} and {@code http_post}.
   *
   * @param vertx the application's Vert.x
   * @param hosts host names and {@code *.suffix} patterns that may be reached; none by default
   * @param networks address blocks (CIDR) allowed although not public, e.g. an internal API
   * @param headers request headers the model may set
   * @param maxResponseBytes most bytes of an answer read
   * @param maxRequestBytes largest request body
   * @param connectTimeout time to connect
   * @param requestTimeout time for one request
   * @param maxRedirects most redirects followed (0 to 5)
   * @return the fetcher
   */
  @Produces
  @Singleton
  public HttpFetcher fetcher(
      Vertx vertx,
      @ConfigProperty(name = "cairn.tools.http.allowed-hosts") Optional<List<String>> hosts,
      @ConfigProperty(name = "cairn.tools.http.allowed-networks") Optional<List<String>> networks,
      @ConfigProperty(
              name = "cairn.tools.http.allowed-headers",
              defaultValue =
                  "accept,accept-language,content-type,if-none-match,if-modified-since,user-agent")
          List<String> headers,
      @ConfigProperty(name = "cairn.tools.http.max-response-bytes", defaultValue = "1048576")
          int maxResponseBytes,
      @ConfigProperty(name = "cairn.tools.http.max-request-bytes", defaultValue = "65536")
          int maxRequestBytes,
      @ConfigProperty(name = "cairn.tools.http.connect-timeout", defaultValue = "5s")
          Duration connectTimeout,
      @ConfigProperty(name = "cairn.tools.http.request-timeout", defaultValue = "15s")
          Duration requestTimeout,
      @ConfigProperty(name = "cairn.tools.http.max-redirects", defaultValue = "5")
          int maxRedirects) {
    HttpToolSettings settings =
        new HttpToolSettings(
            allowList(hosts.orElse(List.of())),
            new EgressPolicy(false, networks(networks.orElse(List.of()))),
            java.util.Set.copyOf(headers),
            maxResponseBytes,
            maxRequestBytes,
            connectTimeout,
            requestTimeout,
            maxRedirects);
    return new HttpFetcher(vertx, settings, EgressGuard.SYSTEM_RESOLVER);
  }

  /**
   * Closes the fetcher's client at shutdown.
   *
   * @param fetcher the fetcher
   */
  public void close(@Disposes HttpFetcher fetcher) {
    fetcher.close();
  }

  private static HostAllowList allowList(List<String> hosts) {
    try {
      return new HostAllowList(hosts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cairn.tools.http.allowed-hosts: " + e.getMessage(), e);
    }
  }

  private static List<Network> networks(List<String> cidrs) {
    List<Network> networks = new ArrayList<>();
    for (String cidr : cidrs) {
      try {
        networks.add(Network.parse(cidr));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cairn.tools.http.allowed-networks: " + e.getMessage(), e);
      }
    }
    return networks;
  }
}
