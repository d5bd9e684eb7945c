package dev.cairn.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Session cookies: signature, absolute and idle expiry on a test clock, CSRF binding. */
class ConsoleSessionsTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
  private final ConsoleSessions sessions = new ConsoleSessions(config(), clock);

  @Test
  void shouldReadBackASessionItSigned() {
    ConsoleSession session = sessions.open("abcdefghijkl");
    Optional<ConsoleSession> read = sessions.decode(sessions.encode(session));
    assertThat(read).contains(session);
  }

  @Test
  void shouldRefuseATamperedOrForeignCookie() {
    String value = sessions.encode(sessions.open("abcdefghijkl"));
    String forgedBody =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("v1|n|zzzzzzzzzzzz|1767254400|1767254400".getBytes());
    assertThat(sessions.decode(forgedBody + value.substring(value.indexOf('.')))).isEmpty();
    assertThat(sessions.decode(value.substring(0, value.length() - 2) + "xx")).isEmpty();
    ConsoleSessions otherReplicaWithOwnKey = new ConsoleSessions(config(), clock);
    assertThat(otherReplicaWithOwnKey.decode(value)).isEmpty();
    assertThat(sessions.decode("garbage")).isEmpty();
    assertThat(sessions.decode(null)).isEmpty();
  }

  @Test
  void shouldEndASessionUnusedForTheIdleTime() {
    String value = sessions.encode(sessions.open("abcdefghijkl"));
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.decode(value)).isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(sessions.decode(value)).isEmpty();
  }

  @Test
  void shouldKeepAnActiveSessionUntilItsAbsoluteLifetime() {
    ConsoleSession session = sessions.open("abcdefghijkl");
    for (int i = 0; i < 15; i++) {
      clock.advance(Duration.ofMinutes(20));
      session = sessions.refresh(sessions.decode(sessions.encode(session)).orElseThrow()).get();
    }
    // 5 hours in, used every 20 minutes: alive.
    assertThat(sessions.decode(sessions.encode(session))).isPresent();
    for (int i = 0; i < 9; i++) {
      clock.advance(Duration.ofMinutes(20));
      session = sessions.refresh(session).get();
    }
    // 8 hours after sign-in it ends, however active.
    assertThat(sessions.decode(sessions.encode(session))).isEmpty();
  }

  @Test
  void shouldRewriteTheCookieAtMostOnceAMinute() {
    ConsoleSession session = sessions.open("abcdefghijkl");
    clock.advance(Duration.ofSeconds(59));
    assertThat(sessions.refresh(session)).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(sessions.refresh(session))
        .get()
        .extracting(ConsoleSession::lastSeen)
        .isEqualTo(clock.instant());
  }

  @Test
  void shouldBindTheCsrfTokenToTheSession() {
    ConsoleSession mine = sessions.open("abcdefghijkl");
    ConsoleSession other = sessions.open("abcdefghijkl");
    String token = sessions.csrfToken(mine);
    assertThat(sessions.csrfMatches(mine, token)).isTrue();
    assertThat(sessions.csrfMatches(other, token)).isFalse();
    assertThat(sessions.csrfMatches(mine, null)).isFalse();
    assertThat(sessions.csrfMatches(mine, "")).isFalse();
  }

  private static ConsoleConfig config() {
    return new ConsoleConfig() {
      @Override
      public Duration sessionTtl() {
        return Duration.ofHours(8);
      }

      @Override
      public Duration idleTtl() {
        return Duration.ofMinutes(30);
      }

      @Override
      public Optional<String> sessionSecret() {
        return Optional.empty();
      }

      @Override
      public SecureCookie secureCookie() {
        return SecureCookie.AUTO;
      }

      @Override
      public int pageSize() {
        return 50;
      }
    };
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
