package dev.cairn.tools.egress;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A checked target: connect to one of {@code addresses} (never resolve the host again, or DNS could
 * answer differently the second time), and send {@code host} as the Host header and TLS server
 * name.
 *
 * @param uri the URL
 * @param host the host as written in the URL (without IPv6 brackets)
 * @param port the port (the scheme's default when the URL has none)
 * @param tls whether the scheme is https
 * @param addresses the addresses the host resolved to, every one of them allowed
 */
public record EgressTarget(
    URI uri, String host, int port, boolean tls, List<InetAddress> addresses) {
  /** Copies the list. */
  public EgressTarget {
    addresses = List.copyOf(addresses);
  }

  /**
   * The request target: raw path (or {@code /}) and query.
   *
   * @return e.g. {@code /hooks/cairn?x=1}
   */
  public String requestTarget() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
