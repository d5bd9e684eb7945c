package dev.cairn.tools.egress;

import java.util.List;

/**
 * What kind of address a target resolves to. Everything that is not {@link Kind#PUBLIC} reaches
 * something other than the public internet: the host itself, an internal network, a cloud
 * provider's metadata service, or nothing at all.
 *
 * @param kind the kind
 * @param name a name for people, e.g. {@code loopback} or {@code private (10.0.0.0/8)}
 */
public record AddressClass(Kind kind, String name) {
  /** Kinds of addresses, from the point of view of a request leaving Cairn. */
  public enum Kind {
    /** Routable on the internet. */
    PUBLIC,
    /** The host itself (127.0.0.0/8, ::1). */
    LOOPBACK,
    /** Internal networks: RFC 1918, shared address space (CGNAT), unique and site local IPv6. */
    PRIVATE,
    /** Link-local (169.254.0.0/16, fe80::/10). */
    LINK_LOCAL,
    /** Cloud instance metadata services (169.254.169.254 and friends). */
    METADATA,
    /** Unspecified (0.0.0.0/8, ::), which the kernel treats as this host. */
    UNSPECIFIED,
    /** Multicast. */
    MULTICAST,
    /** Reserved, documentation, benchmarking, discard, Teredo, broadcast. */
    RESERVED
  }

  private record Block(Network network, Kind kind, String name) {}

  /** Specific blocks come before the blocks that contain them. */
  private static final List<Block> BLOCKS =
      List.of(
          block("169.254.169.254/32", Kind.METADATA, "cloud metadata"),
          block("100.100.100.200/32", Kind.METADATA, "cloud metadata"),
          block("fd00:ec2::254/128", Kind.METADATA, "cloud metadata"),
          block("0.0.0.0/8", Kind.UNSPECIFIED, "unspecified"),
          block("10.0.0.0/8", Kind.PRIVATE, "private"),
          block("100.64.0.0/10", Kind.PRIVATE, "shared address space (CGNAT)"),
          block("127.0.0.0/8", Kind.LOOPBACK, "loopback"),
          block("169.254.0.0/16", Kind.LINK_LOCAL, "link-local"),
          block("172.16.0.0/12", Kind.PRIVATE, "private"),
          block("192.0.0.0/24", Kind.RESERVED, "reserved (protocol assignments)"),
          block("192.0.2.0/24", Kind.RESERVED, "reserved (documentation)"),
          block("192.88.99.0/24", Kind.RESERVED, "reserved (6to4 relay)"),
          block("192.168.0.0/16", Kind.PRIVATE, "private"),
          block("198.18.0.0/15", Kind.RESERVED, "reserved (benchmarking)"),
          block("198.51.100.0/24", Kind.RESERVED, "reserved (documentation)"),
          block("203.0.113.0/24", Kind.RESERVED, "reserved (documentation)"),
          block("224.0.0.0/4", Kind.MULTICAST, "multicast"),
          block("240.0.0.0/4", Kind.RESERVED, "reserved (240.0.0.0/4, broadcast)"),
          block("::/128", Kind.UNSPECIFIED, "unspecified"),
          block("::1/128", Kind.LOOPBACK, "loopback"),
          block("::/96", Kind.RESERVED, "reserved (IPv4-compatible)"),
          block("64:ff9b:1::/48", Kind.PRIVATE, "private (local-use NAT64)"),
          block("100::/64", Kind.RESERVED, "reserved (discard)"),
          block("2001:db8::/32", Kind.RESERVED, "reserved (documentation)"),
          block("2001::/32", Kind.RESERVED, "reserved (Teredo)"),
          block("fc00::/7", Kind.PRIVATE, "private (unique local)"),
          block("fe80::/10", Kind.LINK_LOCAL, "link-local"),
          block("fec0::/10", Kind.PRIVATE, "private (site-local)"),
          block("ff00::/8", Kind.MULTICAST, "multicast"));

  private static final AddressClass PUBLIC = new AddressClass(Kind.PUBLIC, "public");

  private static Block block(String cidr, Kind kind, String name) {
    return new Block(Network.parse(cidr), kind, name);
  }

  /**
   * Classifies an address. An IPv6 address that carries an IPv4 address (IPv4-mapped, NAT64, 6to4)
   * is classified by the IPv4 address it reaches.
   *
   * @param address 4 or 16 bytes
   * @return its class
   */
  public static AddressClass of(byte[] address) {
    byte[] v4 = Addresses.embeddedV4(address);
    if (v4 != null) {
      return of(v4);
    }
    for (Block block : BLOCKS) {
      if (block.network().contains(address)) {
        return new AddressClass(block.kind(), block.name());
      }
    }
    return PUBLIC;
  }
}
