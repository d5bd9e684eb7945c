package dev.cairn.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTokenTest {
  @Test
  void aGeneratedKeyParsesBackAndMatchesOnlyItsOwnHash() {
    ApiKeyToken key = ApiKeyToken.generate();
    assertThat(key.text()).matches("cairn_[a-z0-9]{12}_[A-Za-z0-9]{43}");
    ApiKeyToken parsed = ApiKeyToken.parse(key.text()).orElseThrow();
    assertThat(parsed).isEqualTo(key);
    assertThat(parsed.matches(key.secretHash())).isTrue();
    assertThat(ApiKeyToken.generate().matches(key.secretHash())).isFalse();
    assertThat(key.toString()).doesNotContain(key.secret());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "cairn_",
        "cairn_abcdefghijkl",
        "cairn_abcdefghijkl_short",
        "cairn_ABCDEFGHIJKL_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "cairn_abcdefghijkl-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "cairn_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_",
        "xairn_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "cairn_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000"
      })
  void anythingNotOfTheExactFormIsRefused(String text) {
    assertThat(ApiKeyToken.parse(text)).isEmpty();
  }
}
