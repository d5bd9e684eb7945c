package dev.cairn.tools.builtin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {
  private final HostAllowList list =
      new HostAllowList(List.of("api.example.com", "*.docs.example.org", "203.0.113.7"));

  @Test
  void shouldMatchExactNamesCaseInsensitivelyAndWithoutTrailingDot() {
    assertThat(list.allows("api.example.com")).isTrue();
    assertThat(list.allows("API.Example.COM.")).isTrue();
    assertThat(list.allows("203.0.113.7")).isTrue();
    assertThat(list.allows("example.com")).isFalse();
    assertThat(list.allows("www.api.example.com")).isFalse();
  }

  @Test
  void shouldMatchNamesBelowASuffixButNotTheSuffixItselfNorLookAlikes() {
    assertThat(list.allows("v2.docs.example.org")).isTrue();
    assertThat(list.allows("a.b.docs.example.org")).isTrue();
    assertThat(list.allows("docs.example.org")).isFalse();
    assertThat(list.allows("evildocs.example.org")).isFalse();
    assertThat(list.allows("docs.example.org.evil.test")).isFalse();
  }

  @Test
  void shouldBeEmptyWithoutEntriesAndRefuseMalformedOnes() {
    assertThat(new HostAllowList(List.of()).isEmpty()).isTrue();
    assertThat(new HostAllowList(List.of()).allows("api.example.com")).isFalse();
    assertThatThrownBy(() -> new HostAllowList(List.of("*")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HostAllowList(List.of("a.*.example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HostAllowList(List.of("http://x.test/")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
