package dev.cairn.runtime.console;

import dev.cairn.runtime.control.CommandRequest;
import dev.cairn.runtime.control.CommandService;
import dev.cairn.runtime.engine.CommandKind;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/**
 * Operator actions from the console: plain form posts (they work without JavaScript), each checked
 * for same origin and the session's CSRF token, then for the operator role (403 otherwise, whatever
 * the page showed), then handed to the same {@link CommandService} the REST API uses.
 */
@Path("/console/runs/{id}")
@PermitAll
@Blocking
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_HTML)
public class ActionsResource {
  private final ConsoleAuth auth;
  private final CommandService commands;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param commands operator commands
   */
  public ActionsResource(ConsoleAuth auth, CommandService commands) {
    this.auth = auth;
    this.commands = commands;
  }

  /**
   * Pauses, resumes or cancels a run.
   *
   * @param cookie session cookie
   * @param csrf form token
   * @param headers request headers
   * @param id run id
   * @param action {@code pause}, {@code resume} or {@code cancel}
   * @return back to the run
   */
  @POST
  @Path("/{action:pause|resume|cancel}")
  public Response plain(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @PathParam("id") String id,
      @PathParam("action") String action) {
    CommandKind kind =
        switch (action) {
          case "pause" -> CommandKind.PAUSE;
          case "resume" -> CommandKind.RESUME;
          default -> CommandKind.CANCEL;
        };
    return act(cookie, csrf, headers, id, new CommandRequest.Plain(kind));
  }

  /**
   * Steers a run.
   *
   * @param cookie session cookie
   * @param csrf form token
   * @param headers request headers
   * @param id run id
   * @param text the guidance
   * @return back to the run
   */
  @POST
  @Path("/steer")
  public Response steer(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @PathParam("id") String id,
      @FormParam("text") String text) {
    String guidance = ConsoleParams.text("text", text, 4000);
    return act(cookie, csrf, headers, id, new CommandRequest.Steer(guidance));
  }

  /**
   * Approves a pending tool call, bound to the arguments the operator saw.
   *
   * @param cookie session cookie
   * @param csrf form token
   * @param headers request headers
   * @param id run id
   * @param approvalId the approval
   * @param argumentsHash the hash of the arguments shown
   * @return back to the run
   */
  @POST
  @Path("/approvals/{approvalId}/approve")
  public Response approve(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @PathParam("id") String id,
      @PathParam("approvalId") String approvalId,
      @FormParam("argumentsHash") String argumentsHash) {
    UUID approval = ConsoleParams.id("approvalId", approvalId);
    String hash = ConsoleParams.text("argumentsHash", argumentsHash, 200);
    return act(cookie, csrf, headers, id, new CommandRequest.Approve(approval, hash));
  }

  /**
   * Rejects a pending tool call; the model is told the reason.
   *
   * @param cookie session cookie
   * @param csrf form token
   * @param headers request headers
   * @param id run id
   * @param approvalId the approval
   * @param reason why
   * @return back to the run
   */
  @POST
  @Path("/approvals/{approvalId}/reject")
  public Response reject(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @PathParam("id") String id,
      @PathParam("approvalId") String approvalId,
      @FormParam("reason") String reason) {
    UUID approval = ConsoleParams.id("approvalId", approvalId);
    String why = ConsoleParams.text("reason", reason, 2000);
    return act(cookie, csrf, headers, id, new CommandRequest.Reject(approval, why));
  }

  private Response act(
      String cookie, String csrf, HttpHeaders headers, String id, CommandRequest request) {
    SignedIn me = auth.require(cookie);
    auth.checkForm(me, csrf, headers);
    auth.requireOperator(me);
    UUID runId = ConsoleParams.id("id", id);
    ConsoleParams.call(
        () -> commands.accept(me.caller().tenantId(), runId, request, null, me.caller().actor()));
    return Response.seeOther(URI.create("/console/runs/" + runId)).build();
  }
}
