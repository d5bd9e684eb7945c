package dev.cairn.tools.egress;

import java.util.List;

/**
 * Which non-public addresses may be reached. By default none: only {@link AddressClass.Kind#PUBLIC}
 * addresses pass.
 *
 * @param allowPrivate also admit loopback and private addresses (development setups, a receiver in
 *     the same cluster); link-local, metadata, unspecified, multicast and reserved addresses stay
 *     refused unless {@code allowedNetworks} lists them
 * @param allowedNetworks blocks admitted whatever their class (e.g. {@code 10.20.0.0/16})
 */
public record EgressPolicy(boolean allowPrivate, List<Network> allowedNetworks) {
  /** Only public addresses. */
  public static final EgressPolicy PUBLIC_ONLY = new EgressPolicy(false, List.of());

  /** Copies the list. */
  public EgressPolicy {
    allowedNetworks = List.copyOf(allowedNetworks);
  }

  /**
   * Why an address may not be reached, or null when it may.
   *
   * @param address 4 or 16 bytes
   * @return the address's class when refused, else null
   */
  public AddressClass refusal(byte[] address) {
    byte[] v4 = Addresses.embeddedV4(address);
    for (Network network : allowedNetworks) {
      if (network.contains(address) || v4 != null && network.contains(v4)) {
        return null;
      }
    }
    AddressClass kind = AddressClass.of(address);
    return switch (kind.kind()) {
      case PUBLIC -> null;
      case LOOPBACK, PRIVATE -> allowPrivate ? null : kind;
      default -> kind;
    };
  }
}
