package dev.cairn.runtime.api.problem;

import dev.cairn.runtime.security.ApiKeyAuthMechanism;
import dev.cairn.runtime.security.AuthFailures;
import dev.cairn.runtime.security.SubmissionRateExceededException;
import dev.cairn.runtime.security.TenantDisabledException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Authentication and authorization errors as problem+json: 401 with {@code WWW-Authenticate} (held
 * back when one address keeps failing), 403 for a missing role or a disabled tenant, 429 for a
 * submission quota, 503 when the database holding the keys cannot be reached. Details never echo a
 * presented credential.
 */
public class AuthProblemMappers {
  private final AuthFailures failures;

  /**
   * Creates the mappers.
   *
   * @param failures failed-authentication tracking
   */
  public AuthProblemMappers(AuthFailures failures) {
    this.failures = failures;
  }

  /**
   * Credentials were presented and refused.
   *
   * @param e the failure
   * @param uri the request URI
   * @param request the HTTP request
   * @return a 401, delayed for an address that keeps failing
   */
  @ServerExceptionMapper
  public Uni<Response> failed(
      AuthenticationFailedException e, UriInfo uri, HttpServerRequest request) {
    if (DatabaseOutage.causedBy(e)) {
      // The key could not be looked up: nothing was refused, so nothing counts as a failure.
      return Uni.createFrom().item(ProblemMappers.databaseUnavailable(uri));
    }
    String keyId = e.getAttribute(AuthFailures.KEY_ID);
    String reason = keyId != null ? e.getMessage() : "bearer token rejected";
    Duration delay = failures.record(addressOf(request), reason, keyId);
    Response response =
        unauthorized(uri, keyId != null ? e.getMessage() : "the bearer token was not accepted");
    Uni<Response> answer = Uni.createFrom().item(response);
    return delay.isZero() ? answer : answer.onItem().delayIt().by(delay);
  }

  /**
   * No credentials on an endpoint that needs them.
   *
   * @param e the error
   * @param uri the request URI
   * @return a 401
   */
  @ServerExceptionMapper
  public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
    return unauthorized(uri, "authentication required: send Authorization: Bearer <key or token>");
  }

  /**
   * The caller lacks a role the endpoint requires.
   *
   * @param e the error
   * @param uri the request URI
   * @return a 403
   */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return ProblemMappers.respond(
        403, "forbidden", "Forbidden", "your roles do not allow this operation", uri, List.of());
  }

  /**
   * The caller's tenant is disabled.
   *
   * @param e the error
   * @param uri the request URI
   * @return a 403
   */
  @ServerExceptionMapper
  public Response tenantDisabled(TenantDisabledException e, UriInfo uri) {
    return ProblemMappers.respond(
        403, "tenant-disabled", "Tenant disabled", e.getMessage(), uri, List.of());
  }

  /**
   * A tenant over its submission quota.
   *
   * @param e the error
   * @param uri the request URI
   * @return a 429 with Retry-After
   */
  @ServerExceptionMapper
  public Response rateExceeded(SubmissionRateExceededException e, UriInfo uri) {
    Response problem =
        ProblemMappers.respond(
            429, "rate-limited", "Too many requests", e.getMessage(), uri, List.of());
    return Response.fromResponse(problem)
        .header("Retry-After", Long.toString(e.retryAfterSeconds()))
        .build();
  }

  private static Response unauthorized(UriInfo uri, String detail) {
    Response problem =
        ProblemMappers.respond(401, "unauthorized", "Unauthorized", detail, uri, List.of());
    return Response.fromResponse(problem)
        .header("WWW-Authenticate", ApiKeyAuthMechanism.CHALLENGE)
        .build();
  }

  private static String addressOf(HttpServerRequest request) {
    SocketAddress remote = request == null ? null : request.remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }
}
