package dev.cairn.tools.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}, or a single address
 * such as {@code 127.0.0.1}, meaning {@code /32} or {@code /128}).
 *
 * @param base the block's first address, as bytes (4 for IPv4, 16 for IPv6)
 * @param prefix how many leading bits are fixed
 */
public record Network(byte[] base, int prefix) {
  /** Canonical form: bits past the prefix are cleared. */
  public Network {
    if (base.length != 4 && base.length != 16) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 address");
    }
    if (prefix < 0 || prefix > base.length * 8) {
      throw new IllegalArgumentException("prefix out of range: /" + prefix);
    }
    base = mask(base.clone(), prefix);
  }

  /**
   * Parses CIDR notation. Only address literals are accepted, never host names (parsing must not
   * look anything up).
   *
   * @param cidr e.g. {@code 192.168.0.0/16}
   * @return the network
   * @throws IllegalArgumentException when the text is not an address block
   */
  public static Network parse(String cidr) {
    String text = cidr.strip();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = literal(address);
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      String bits = text.substring(slash + 1);
      if (!bits.matches("[0-9]{1,3}")) {
        throw new IllegalArgumentException("not a prefix length: '" + bits + "'");
      }
      prefix = Integer.parseInt(bits);
    }
    return new Network(bytes, prefix);
  }

  /**
   * Whether an address is in this block. An IPv4 address is never in an IPv6 block, nor the
   * reverse; callers unwrap IPv4-mapped addresses first.
   *
   * @param address the address
   * @return true if inside
   */
  public boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  /**
   * Whether raw address bytes are in this block.
   *
   * @param address 4 or 16 bytes
   * @return true if inside
   */
  public boolean contains(byte[] address) {
    return address.length == base.length && Arrays.equals(mask(address.clone(), prefix), base);
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.clamp(prefix - i * 8L, 0, 8);
      bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
    }
    return bytes;
  }

  private static byte[] literal(String address) {
    byte[] bytes = Addresses.literal(address);
    if (bytes == null) {
      throw new IllegalArgumentException("not an IP address literal: '" + address + "'");
    }
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Network n && prefix == n.prefix && Arrays.equals(base, n.base);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(base) + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(base).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
