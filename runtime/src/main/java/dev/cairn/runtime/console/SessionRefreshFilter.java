package dev.cairn.runtime.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Moves a console session's idle clock forward: a response to a request with a live session gets a
 * re-signed cookie, at most once a minute per session.
 */
@Provider
public class SessionRefreshFilter implements ContainerResponseFilter {
  private final ConsoleSessions sessions;
  private final ConsoleCookies cookies;

  /**
   * Creates the filter.
   *
   * @param sessions session codec
   * @param cookies cookie writer
   */
  public SessionRefreshFilter(ConsoleSessions sessions, ConsoleCookies cookies) {
    this.sessions = sessions;
    this.cookies = cookies;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!request.getUriInfo().getPath().startsWith("/console")
        || response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
      return;
    }
    Cookie cookie = request.getCookies().get(ConsoleSessions.COOKIE);
    if (cookie == null) {
      return;
    }
    sessions
        .decode(cookie.getValue())
        .flatMap(sessions::refresh)
        .ifPresent(
            fresh ->
                response
                    .getHeaders()
                    .add(HttpHeaders.SET_COOKIE, cookies.session(fresh, request.getUriInfo())));
  }
}
