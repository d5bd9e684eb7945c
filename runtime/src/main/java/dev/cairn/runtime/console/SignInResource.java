package dev.cairn.runtime.console;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Signing in and out of the console. The pages are public ({@code @PermitAll}): the console checks
 * its own session cookie; the API's bearer authentication does not apply here.
 */
@Path("/console")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class SignInResource {
  private final ConsoleAuth auth;
  private final ConsoleCookies cookies;

  /**
   * Creates the resource.
   *
   * @param auth sign-in and session checks
   * @param cookies cookie writer
   */
  public SignInResource(ConsoleAuth auth, ConsoleCookies cookies) {
    this.auth = auth;
    this.cookies = cookies;
  }

  /**
   * The console's entry: the runs list.
   *
   * @return a redirect
   */
  @GET
  public Response home() {
    return Response.seeOther(URI.create("/console/runs")).build();
  }

  /**
   * The sign-in form.
   *
   * @return the page
   */
  @GET
  @Path("/sign-in")
  public Response form() {
    return Response.ok(ConsoleTemplates.signIn(null, null)).build();
  }

  /**
   * Signs in with an API key; the key itself is not kept (the cookie carries its id, signed).
   *
   * @param apiKey the key
   * @param headers request headers (a cross-site sign-in is refused)
   * @param uri the request
   * @return to the runs list with the session cookie, or the form again with 401
   */
  @POST
  @Path("/sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @FormParam("apiKey") String apiKey, @Context HttpHeaders headers, @Context UriInfo uri) {
    auth.checkSameOrigin(headers);
    return auth.signIn(apiKey)
        .map(
            session ->
                Response.seeOther(URI.create("/console/runs"))
                    .header(HttpHeaders.SET_COOKIE, cookies.session(session, uri))
                    .build())
        .orElseGet(
            () ->
                Response.status(401)
                    .entity(
                        ConsoleTemplates.signIn(
                            null,
                            "This key is not valid: unknown, revoked, expired, or its tenant is"
                                + " disabled."))
                    .build());
  }

  /**
   * Signs out: the browser forgets the session.
   *
   * @param cookie the session cookie
   * @param csrf the form's CSRF token
   * @param headers request headers
   * @param uri the request
   * @return to the sign-in page
   */
  @POST
  @Path("/sign-out")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signOut(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    auth.checkForm(auth.require(cookie), csrf, headers);
    return Response.seeOther(URI.create("/console/sign-in"))
        .header(HttpHeaders.SET_COOKIE, cookies.cleared(uri))
        .build();
  }
}
