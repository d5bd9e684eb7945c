package dev.cairn.tools.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Address literals and the IPv4 addresses some IPv6 addresses carry inside them. */
final class Addresses {
  private static final byte[] MAPPED_PREFIX = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff
  };
  private static final Network NAT64 = Network.parse("64:ff9b::/96");
  private static final Network SIX_TO_FOUR = Network.parse("2002::/16");

  private Addresses() {}

  /**
   * Parses an IPv4 dotted quad or an IPv6 literal (without brackets), never looking anything up.
   *
   * @param text the literal
   * @return 4 or 16 bytes (an IPv6 literal stays 16 bytes, even IPv4-mapped), or null
   */
  static byte[] literal(String text) {
    if (text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      byte[] bytes = new byte[4];
      String[] parts = text.split("\\.");
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          return null;
        }
        bytes[i] = (byte) octet;
      }
      return bytes;
    }
    if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
      return null;
    }
    try {
      // With a colon the JDK parses an IPv6 literal and never falls back to DNS.
      byte[] bytes = InetAddress.getByName("[" + text + "]").getAddress();
      return bytes.length == 4 ? mapped(bytes) : bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The IPv4-mapped IPv6 form of an IPv4 address ({@code ::ffff:a.b.c.d}).
   *
   * @param v4 4 bytes
   * @return 16 bytes
   */
  static byte[] mapped(byte[] v4) {
    byte[] v6 = Arrays.copyOf(MAPPED_PREFIX, 16);
    System.arraycopy(v4, 0, v6, 12, 4);
    return v6;
  }

  /**
   * The IPv4 address an IPv6 address stands for, if it is IPv4-mapped, NAT64 (well-known prefix) or
   * 6to4: traffic to it reaches that IPv4 address.
   *
   * @param v6 16 bytes
   * @return 4 bytes, or null when none is embedded
   */
  static byte[] embeddedV4(byte[] v6) {
    if (v6.length != 16) {
      return null;
    }
    if (Arrays.equals(v6, 0, 12, MAPPED_PREFIX, 0, 12) || NAT64.contains(v6)) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if (SIX_TO_FOUR.contains(v6)) {
      return Arrays.copyOfRange(v6, 2, 6);
    }
    return null;
  }

  /**
   * Text for messages.
   *
   * @param bytes 4 or 16 bytes
   * @return the usual notation
   */
  static String text(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
