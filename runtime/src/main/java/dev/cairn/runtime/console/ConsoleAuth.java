package dev.cairn.runtime.console;

import dev.cairn.runtime.security.ApiKeyToken;
import dev.cairn.runtime.security.ApiKeys;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.Role;
import dev.cairn.runtime.security.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * Signs in with an API key and checks sessions: on every request the session's key is looked up
 * again (through the key cache), so a revoked or expired key, or a disabled tenant, ends its
 * sessions. Also the checks every state-changing console request passes: same origin and the
 * session's CSRF token.
 */
@ApplicationScoped
public class ConsoleAuth {
  private final ConsoleSessions sessions;
  private final ApiKeys keys;
  private final TenantDirectory tenants;

  /**
   * Creates the service.
   *
   * @param sessions session cookies
   * @param keys API keys
   * @param tenants tenant states
   */
  public ConsoleAuth(ConsoleSessions sessions, ApiKeys keys, TenantDirectory tenants) {
    this.sessions = sessions;
    this.keys = keys;
    this.tenants = tenants;
  }

  /**
   * Checks a presented API key and opens a session for it.
   *
   * @param presented the key text from the sign-in form
   * @return the session, or empty when the key is malformed, unknown, revoked or expired, or has no
   *     console role
   */
  public Optional<ConsoleSession> signIn(String presented) {
    Optional<ApiKeyToken> token = ApiKeyToken.parse(presented == null ? null : presented.strip());
    if (token.isEmpty() || keys.verify(token.get()).refusal() != null) {
      return Optional.empty();
    }
    return current(token.get().id()).map(caller -> sessions.open(token.get().id()));
  }

  /**
   * The signed-in caller of a request.
   *
   * @param cookie the session cookie's value, or null
   * @return the caller
   * @throws NotSignedInException when there is no live session
   */
  public SignedIn require(String cookie) {
    ConsoleSession session = sessions.decode(cookie).orElseThrow(NotSignedInException::new);
    Caller caller = current(session.keyId()).orElseThrow(NotSignedInException::new);
    return new SignedIn(session, caller, sessions.csrfToken(session));
  }

  /**
   * Checks a state-changing request: a browser's cross-site request is refused by its {@code
   * Origin} or {@code Sec-Fetch-Site}, and every one needs the session's CSRF token.
   *
   * @param signedIn the session
   * @param csrf the form's token
   * @param headers the request headers
   * @throws ConsoleException 403 when a check fails
   */
  public void checkForm(SignedIn signedIn, String csrf, HttpHeaders headers) {
    checkSameOrigin(headers);
    if (!sessions.csrfMatches(signedIn.session(), csrf)) {
      throw ConsoleException.forbidden("the form's CSRF token is missing or does not match");
    }
  }

  /**
   * Refuses a request a browser marks as coming from another site.
   *
   * @param headers the request headers
   * @throws ConsoleException 403 for a cross-site request
   */
  public void checkSameOrigin(HttpHeaders headers) {
    String site = headers.getHeaderString("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw ConsoleException.forbidden("cross-site request refused");
    }
    String origin = headers.getHeaderString("Origin");
    String host = headers.getHeaderString("Host");
    boolean opaqueButSameOrigin = "null".equals(origin) && "same-origin".equals(site);
    if (origin != null && !opaqueButSameOrigin && (host == null || !sameHost(origin, host))) {
      throw ConsoleException.forbidden("cross-origin request refused");
    }
  }

  private static boolean sameHost(String origin, String host) {
    int scheme = origin.indexOf("://");
    return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
  }

  /**
   * Requires the operator role for an action.
   *
   * @param signedIn the session
   * @throws ConsoleException 403 without it
   */
  public void requireOperator(SignedIn signedIn) {
    if (!signedIn.caller().has(Role.OPERATOR)) {
      throw ConsoleException.forbidden("this action needs the operator role");
    }
  }

  private Optional<Caller> current(String keyId) {
    return keys.stillValid(keyId)
        .filter(caller -> !caller.roles().isEmpty())
        .filter(caller -> tenants.isEnabled(caller.tenantId()));
  }
}
