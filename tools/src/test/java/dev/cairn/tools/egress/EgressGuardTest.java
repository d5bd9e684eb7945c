package dev.cairn.tools.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EgressGuardTest {
  /** A resolver with fixed answers: no test here touches the network. */
  private static EgressGuard.Resolver dns(Map<String, List<String>> answers) {
    return host -> {
      List<String> found = answers.get(host);
      if (found == null) {
        throw new UnknownHostException(host);
      }
      java.util.ArrayList<InetAddress> out = new java.util.ArrayList<>();
      for (String literal : found) {
        out.add(InetAddress.getByAddress(host, Addresses.literal(literal)));
      }
      return out;
    };
  }

  private static final EgressGuard.Resolver NO_DNS =
      host -> {
        throw new UnknownHostException(host);
      };

  private static EgressGuard strict() {
    return new EgressGuard(EgressPolicy.PUBLIC_ONLY, NO_DNS);
  }

  private static String refusal(EgressGuard guard, String url) {
    try {
      guard.check(url);
      return null;
    } catch (EgressRefusedException e) {
      return e.getMessage();
    }
  }

  @Test
  void shouldRefuseEveryNonPublicLiteralByDefault() {
    EgressGuard guard = strict();
    Map<String, String> refused =
        Map.ofEntries(
            Map.entry("http://127.0.0.1/", "loopback"),
            Map.entry("http://127.255.255.254:8080/x", "loopback"),
            Map.entry("http://[::1]/", "loopback"),
            Map.entry("http://10.0.0.1/", "private"),
            Map.entry("http://172.16.0.1/", "private"),
            Map.entry("http://172.31.255.255/", "private"),
            Map.entry("http://192.168.1.1/", "private"),
            Map.entry("http://100.64.0.1/", "CGNAT"),
            Map.entry("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
            Map.entry("http://169.254.1.1/", "link-local"),
            Map.entry("http://100.100.100.200/", "cloud metadata"),
            Map.entry("http://[fd00:ec2::254]/", "cloud metadata"),
            Map.entry("http://[fe80::1]/", "link-local"),
            Map.entry("http://[fc00::1]/", "unique local"),
            Map.entry("http://[fd12:3456::1]/", "unique local"),
            Map.entry("http://0.0.0.0/", "unspecified"),
            Map.entry("http://[::]/", "unspecified"),
            Map.entry("http://224.0.0.1/", "multicast"),
            Map.entry("http://[ff02::1]/", "multicast"),
            Map.entry("http://255.255.255.255/", "broadcast"),
            Map.entry("http://192.0.2.10/", "documentation"),
            Map.entry("http://[::ffff:127.0.0.1]/", "loopback"),
            Map.entry("http://[::ffff:a9fe:a9fe]/", "cloud metadata"),
            Map.entry("http://[::ffff:10.1.2.3]/", "private"),
            Map.entry("http://[64:ff9b::a00:1]/", "private"),
            Map.entry("http://[2002:7f00:1::]/", "loopback"),
            Map.entry("http://[2001:db8::1]/", "documentation"),
            Map.entry("http://[::7f00:1]/", "IPv4-compatible"));
    refused.forEach(
        (url, why) ->
            assertThat(refusal(guard, url)).as(url).isNotNull().contains(why).contains("address"));
  }

  @Test
  void shouldAdmitPublicAddresses() throws Exception {
    EgressGuard guard = strict();
    for (String url :
        List.of(
            "https://93.184.215.14/hook",
            "http://8.8.8.8:8080/",
            "https://[2606:4700:4700::1111]/x?y=1",
            "http://172.32.0.1/",
            "http://100.128.0.1/",
            "http://[::ffff:8.8.8.8]/",
            "http://[2002:808:808::]/")) {
      assertThat(refusal(guard, url)).as(url).isNull();
    }
    EgressTarget target = guard.check("https://[2606:4700:4700::1111]/a/b?c=d");
    assertThat(target.host()).isEqualTo("2606:4700:4700::1111");
    assertThat(target.port()).isEqualTo(443);
    assertThat(target.tls()).isTrue();
    assertThat(target.requestTarget()).isEqualTo("/a/b?c=d");
    assertThat(guard.check("http://8.8.8.8").requestTarget()).isEqualTo("/");
    assertThat(guard.check("http://8.8.8.8").port()).isEqualTo(80);
  }

  @Test
  void shouldRefuseANameWhenAnyOfItsAddressesIsInternalWithoutNamingTheAddress() {
    EgressGuard guard =
        new EgressGuard(
            EgressPolicy.PUBLIC_ONLY,
            dns(
                Map.of(
                    "hooks.example.com", List.of("93.184.215.14"),
                    "mixed.example.com", List.of("93.184.215.14", "10.0.0.7"),
                    "metadata.example.com", List.of("169.254.169.254"),
                    "v6.example.com", List.of("::1"))));
    assertThat(refusal(guard, "https://hooks.example.com/cairn")).isNull();
    String mixed = refusal(guard, "https://mixed.example.com/");
    assertThat(mixed)
        .contains("'mixed.example.com' resolves to a private")
        .doesNotContain("10.0.0.7");
    assertThat(refusal(guard, "http://metadata.example.com/")).contains("cloud metadata");
    assertThat(refusal(guard, "http://v6.example.com/")).contains("loopback");
    assertThat(refusal(guard, "http://nowhere.example.com/")).contains("does not resolve");
  }

  @Test
  void shouldRefuseShorthandAddressesAndLocalNamesThroughTheSystemResolver() {
    EgressGuard guard = new EgressGuard(EgressPolicy.PUBLIC_ONLY, EgressGuard.SYSTEM_RESOLVER);
    // The JDK reads a bare number as an IPv4 address: the check sees 127.0.0.1.
    assertThat(refusal(guard, "http://2130706433/")).contains("loopback");
    // Not a valid URL host at all.
    assertThat(refusal(guard, "http://127.1/")).contains("no valid host");
    // The hosts file, not DNS: localhost is the loopback address.
    assertThat(refusal(guard, "http://localhost:8080/")).contains("loopback");
  }

  @Test
  void shouldReturnTheAddressesItCheckedSoTheCallerConnectsToThem() throws Exception {
    EgressGuard guard =
        new EgressGuard(
            EgressPolicy.PUBLIC_ONLY,
            dns(Map.of("hooks.example.com", List.of("93.184.215.14", "2606:2800:21f::1"))));
    EgressTarget target = guard.check("http://hooks.example.com:8443/in");
    assertThat(target.addresses())
        .extracting(InetAddress::getHostAddress)
        .containsExactly("93.184.215.14", "2606:2800:21f:0:0:0:0:1");
    assertThat(target.host()).isEqualTo("hooks.example.com");
    assertThat(target.port()).isEqualTo(8443);
    assertThat(target.tls()).isFalse();
  }

  @Test
  void shouldRefuseMalformedUrlsAndOtherSchemes() {
    EgressGuard guard = strict();
    assertThat(refusal(guard, "ftp://8.8.8.8/")).contains("only http and https");
    assertThat(refusal(guard, "file:///etc/passwd")).contains("only http and https");
    assertThat(refusal(guard, "gopher://8.8.8.8/")).contains("only http and https");
    assertThat(refusal(guard, "//8.8.8.8/")).contains("only http and https");
    assertThat(refusal(guard, "http://user:pw@8.8.8.8/")).contains("credentials");
    assertThat(refusal(guard, "http:///path")).contains("no valid host");
    assertThat(refusal(guard, "http://8.8.8.8/#frag")).contains("fragment");
    assertThat(refusal(guard, "http://8.8.8.8:0/")).contains("port 0");
    assertThat(refusal(guard, "http://exa mple.com/")).contains("not a valid URL");
    assertThat(refusal(guard, "")).contains("required");
    assertThat(refusal(guard, "https://8.8.8.8/" + "a".repeat(2000))).contains("longer than");
  }

  @Test
  void shouldAdmitLoopbackAndPrivateButNotMetadataWhenPrivateTargetsAreAllowed() {
    EgressGuard guard = new EgressGuard(new EgressPolicy(true, List.of()), NO_DNS);
    assertThat(refusal(guard, "http://127.0.0.1:8080/")).isNull();
    assertThat(refusal(guard, "http://10.0.0.1/")).isNull();
    assertThat(refusal(guard, "http://[fd12::1]/")).isNull();
    assertThat(refusal(guard, "http://169.254.169.254/")).contains("cloud metadata");
    assertThat(refusal(guard, "http://169.254.10.10/")).contains("link-local");
    assertThat(refusal(guard, "http://0.0.0.0/")).contains("unspecified");
    assertThat(refusal(guard, "http://224.0.0.1/")).contains("multicast");
  }

  @Test
  void shouldAdmitExactlyTheListedNetworks() {
    EgressGuard guard =
        new EgressGuard(
            new EgressPolicy(
                false, List.of(Network.parse("127.0.0.1/32"), Network.parse("10.20.0.0/16"))),
            NO_DNS);
    assertThat(refusal(guard, "http://127.0.0.1:9000/")).isNull();
    assertThat(refusal(guard, "http://[::ffff:127.0.0.1]/")).isNull();
    assertThat(refusal(guard, "http://10.20.3.4/")).isNull();
    assertThat(refusal(guard, "http://127.0.0.2/")).contains("loopback");
    assertThat(refusal(guard, "http://10.21.0.1/")).contains("private");
    assertThat(refusal(guard, "http://[::1]/")).contains("loopback");
    assertThat(refusal(guard, "http://169.254.169.254/")).contains("cloud metadata");
  }

  @Test
  void shouldNotLookUpHostsWhenParsingAUrl() {
    assertThatThrownBy(() -> EgressGuard.parse("http://exa mple.com/"))
        .isInstanceOf(EgressRefusedException.class);
    org.assertj.core.api.Assertions.assertThatCode(
            () -> EgressGuard.parse("https://hooks.example.invalid/x"))
        .doesNotThrowAnyException();
  }
}
