package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String OTHER_KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void shouldSealSoTheSecretIsNotInTheStoredFormAndOpenItForTheSameSubscription() {
    SecretSealer sealer = SecretSealer.of(Optional.of(KEY));
    String secret = WebhookSignature.newSecret();
    String sealed = sealer.seal(secret, "sub-1");
    assertThat(sealed)
        .startsWith("aesgcm1:")
        .doesNotContain(secret)
        .doesNotContain(secret.substring(6));
    assertThat(sealer.seal(secret, "sub-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThat(sealer.open(sealed, "sub-1")).isEqualTo(secret);
  }

  @Test
  void shouldRefuseToOpenForAnotherSubscriptionAnotherKeyOrAfterTampering() {
    SecretSealer sealer = SecretSealer.of(Optional.of(KEY));
    String secret = WebhookSignature.newSecret();
    String sealed = sealer.seal(secret, "sub-1");
    assertThatThrownBy(() -> sealer.open(sealed, "sub-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> SecretSealer.of(Optional.of(OTHER_KEY)).open(sealed, "sub-1"))
        .isInstanceOf(IllegalStateException.class);
    char last = sealed.charAt(sealed.length() - 3);
    String tampered =
        sealed.substring(0, sealed.length() - 3)
            + (last == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 2);
    assertThatThrownBy(() -> sealer.open(tampered, "sub-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SecretSealer.of(Optional.empty()).open(sealed, "sub-1"))
        .hasMessageContaining("secret-key is not set");
  }

  @Test
  void shouldStoreMarkedPlainWithoutAKeyAndStillOpenThoseOnceAKeyIsSet() {
    SecretSealer none = SecretSealer.of(Optional.empty());
    assertThat(none.sealing()).isFalse();
    String stored = none.seal("whsec_x", "sub-1");
    assertThat(stored).isEqualTo("plain:whsec_x");
    assertThat(SecretSealer.of(Optional.of(KEY)).open(stored, "sub-1")).isEqualTo("whsec_x");
  }

  @Test
  void shouldRefuseAKeyThatIsNot32BytesOfBase64() {
    assertThatThrownBy(() -> SecretSealer.of(Optional.of("not base64!")))
        .hasMessageContaining("base64");
    assertThatThrownBy(
            () -> SecretSealer.of(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
        .hasMessageContaining("32 bytes");
  }
}
