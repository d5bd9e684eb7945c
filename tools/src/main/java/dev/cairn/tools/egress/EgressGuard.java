package dev.cairn.tools.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether Cairn may send a request to a URL on someone else's behalf, so it cannot be used
 * to reach internal services (server-side request forgery). A URL passes when it is http or https
 * with a host and no user info, and <em>every</em> address its host resolves to is allowed by the
 * {@link EgressPolicy}. Check when a URL is registered and again right before each request, and
 * connect to the addresses this check returned ({@link EgressTarget}), so a DNS answer that changes
 * in between (DNS rebinding) cannot redirect the request.
 */
public final class EgressGuard {
  /** Longest URL accepted. */
  public static final int MAX_URL_LENGTH = 2000;

  /** Resolves a host name to its addresses. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * Resolves a host.
     *
     * @param host a host name or an address literal
     * @return its addresses, at least one
     * @throws UnknownHostException when it does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** The system resolver (DNS, hosts file). */
  public static final Resolver SYSTEM_RESOLVER = host -> List.of(InetAddress.getAllByName(host));

  private final EgressPolicy policy;
  private final Resolver resolver;

  /**
   * Creates a guard.
   *
   * @param policy which non-public addresses are allowed
   * @param resolver how host names are resolved
   */
  public EgressGuard(EgressPolicy policy, Resolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
  }

  /**
   * Checks a URL's form only: scheme, host, no user info or fragment, length. Looks nothing up.
   *
   * @param url the URL as given
   * @return the parsed URL
   * @throws EgressRefusedException when the URL is not an acceptable target
   */
  public static URI parse(String url) throws EgressRefusedException {
    if (url == null || url.isEmpty()) {
      throw new EgressRefusedException("a URL is required");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new EgressRefusedException("longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new EgressRefusedException("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new EgressRefusedException("only http and https URLs are allowed");
    }
    if (uri.getRawUserInfo() != null) {
      throw new EgressRefusedException("credentials in the URL are not allowed");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new EgressRefusedException("the URL has no valid host");
    }
    if (uri.getRawFragment() != null) {
      throw new EgressRefusedException("a fragment (#...) is not allowed");
    }
    if (uri.getPort() == 0) {
      throw new EgressRefusedException("port 0 is not allowed");
    }
    return uri;
  }

  /**
   * Checks a URL completely: its form, then every address its host resolves to.
   *
   * @param url the URL
   * @return the target, with the addresses to connect to
   * @throws EgressRefusedException when the URL is refused or its host does not resolve
   */
  public EgressTarget check(String url) throws EgressRefusedException {
    URI uri = parse(url);
    String host = uri.getHost();
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    String bare = bracketed ? host.substring(1, host.length() - 1) : host;
    byte[] literal = Addresses.literal(bare);
    List<InetAddress> addresses = literal == null ? resolve(bare) : List.of(address(literal));
    if (addresses.isEmpty()) {
      throw new EgressRefusedException("host '" + bare + "' does not resolve");
    }
    List<InetAddress> checked = new ArrayList<>(addresses.size());
    for (InetAddress address : addresses) {
      AddressClass refused = policy.refusal(address.getAddress());
      if (refused != null) {
        // For a name, the address it resolved to is not shown: the API must not become a way to
        // map internal DNS.
        String what =
            literal != null ? Addresses.text(literal) + " is" : "'" + bare + "' resolves to";
        throw new EgressRefusedException(
            what + " a " + refused.name() + " address; Cairn does not send requests there");
      }
      checked.add(address);
    }
    boolean tls = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    return new EgressTarget(uri, bare, port, tls, checked);
  }

  private List<InetAddress> resolve(String host) throws EgressRefusedException {
    try {
      return resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new EgressRefusedException("host '" + host + "' does not resolve");
    }
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
