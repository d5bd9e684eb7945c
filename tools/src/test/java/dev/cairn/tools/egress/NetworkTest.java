package dev.cairn.tools.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkTest {
  private static byte[] ip(String literal) {
    return Addresses.literal(literal);
  }

  @Test
  void shouldContainExactlyTheAddressesOfItsPrefix() {
    Network n = Network.parse("172.16.0.0/12");
    assertThat(n.contains(ip("172.16.0.0"))).isTrue();
    assertThat(n.contains(ip("172.31.255.255"))).isTrue();
    assertThat(n.contains(ip("172.32.0.0"))).isFalse();
    assertThat(n.contains(ip("172.15.255.255"))).isFalse();
    Network v6 = Network.parse("fe80::/10");
    assertThat(v6.contains(ip("febf:ffff::1"))).isTrue();
    assertThat(v6.contains(ip("fec0::1"))).isFalse();
    assertThat(v6.contains(ip("172.16.0.1"))).isFalse();
  }

  @Test
  void shouldReadASingleAddressAsAFullPrefixAndClearHostBits() {
    assertThat(Network.parse("127.0.0.1")).isEqualTo(Network.parse("127.0.0.1/32"));
    assertThat(Network.parse("10.1.2.3/8")).isEqualTo(Network.parse("10.0.0.0/8"));
    assertThat(Network.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
    assertThat(Network.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
  }

  @Test
  void shouldRefuseWhatIsNotAnAddressBlockWithoutLookingItUp() {
    for (String bad :
        new String[] {
          "localhost",
          "example.com/24",
          "10.0.0.0/33",
          "::/129",
          "300.1.1.1",
          "10.0.0.0/",
          "10.0.0.0/-1",
          "1.2.3",
          "10.0.0.0/8x",
          ":::/8"
        }) {
      assertThatThrownBy(() -> Network.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
