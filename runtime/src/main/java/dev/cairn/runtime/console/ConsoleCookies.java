package dev.cairn.runtime.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

/**
 * Writes the session cookie: {@code HttpOnly; SameSite=Strict; Path=/console}, {@code Secure} as
 * {@code cairn.console.secure-cookie} says.
 */
@ApplicationScoped
public class ConsoleCookies {
  private final ConsoleSessions sessions;
  private final ConsoleConfig config;

  /**
   * Creates the writer.
   *
   * @param sessions session codec
   * @param config console settings
   */
  public ConsoleCookies(ConsoleSessions sessions, ConsoleConfig config) {
    this.sessions = sessions;
    this.config = config;
  }

  /**
   * The {@code Set-Cookie} value carrying a session.
   *
   * @param session the session
   * @param uri the request (its scheme decides {@code Secure} in auto mode)
   * @return the header value
   */
  public String session(ConsoleSession session, UriInfo uri) {
    return cookie(sessions.encode(session), sessions.maxAgeSeconds(), uri);
  }

  /**
   * The {@code Set-Cookie} value that ends the session in the browser.
   *
   * @param uri the request
   * @return the header value
   */
  public String cleared(UriInfo uri) {
    return cookie("", 0, uri);
  }

  private String cookie(String value, long maxAge, UriInfo uri) {
    StringBuilder cookie =
        new StringBuilder(ConsoleSessions.COOKIE)
            .append('=')
            .append(value)
            .append("; Path=/console; Max-Age=")
            .append(maxAge)
            .append("; HttpOnly; SameSite=Strict");
    if (secure(uri)) {
      cookie.append("; Secure");
    }
    return cookie.toString();
  }

  private boolean secure(UriInfo uri) {
    return switch (config.secureCookie()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    };
  }
}
