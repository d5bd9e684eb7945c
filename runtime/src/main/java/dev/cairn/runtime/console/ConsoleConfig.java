package dev.cairn.runtime.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Console settings ({@code cairn.console.*}). */
@ConfigMapping(prefix = "cairn.console")
public interface ConsoleConfig {
  /**
   * Longest life of a session from sign-in, however active.
   *
   * @return the lifetime
   */
  @WithDefault("8h")
  Duration sessionTtl();

  /**
   * A session unused for this long ends.
   *
   * @return the idle limit
   */
  @WithDefault("30m")
  Duration idleTtl();

  /**
   * Key signing session cookies (at least 32 characters). Give every replica the same value so any
   * replica serves any session; without it each replica draws a random key at start and sessions
   * end when it restarts.
   *
   * @return the key, if configured
   */
  Optional<String> sessionSecret();

  /**
   * When the session cookie carries {@code Secure}: {@code auto} (when the request came over HTTPS,
   * also as forwarded by a trusted proxy), {@code always} or {@code never}.
   *
   * @return the policy
   */
  @WithDefault("auto")
  SecureCookie secureCookie();

  /**
   * Runs and timeline entries per page.
   *
   * @return the page size
   */
  @WithDefault("50")
  int pageSize();

  /** When the session cookie is marked Secure. */
  enum SecureCookie {
    /** On HTTPS requests. */
    AUTO,
    /** Always. */
    ALWAYS,
    /** Never (plain HTTP development only). */
    NEVER
  }
}
