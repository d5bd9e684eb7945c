package dev.cairn.runtime.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.audit.fork.ForkRequest;
import dev.cairn.runtime.audit.fork.ForkService;
import dev.cairn.runtime.audit.fork.Forked;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Validator;
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
 * Forks a run from the console: a plain form post, checked as every console action is (same origin,
 * the session's CSRF token, then the role {@code POST /v1/runs/{id}/fork} needs: developer or
 * operator; 403 otherwise and nothing created), validated like the REST body and handed to the same
 * {@link ForkService}. Answers 303 to the side-by-side view of the original and the fork.
 */
@Path("/console/runs/{id}")
@PermitAll
@Blocking
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_HTML)
public class ForkActionsResource {
  private final ConsoleAuth auth;
  private final ForkService forks;
  private final Validator validator;
  private final ObjectMapper mapper;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param forks forks
   * @param validator Bean Validation (the REST body's rules)
   * @param mapper the API's JSON mapper
   */
  public ForkActionsResource(
      ConsoleAuth auth, ForkService forks, Validator validator, ObjectMapper mapper) {
    this.auth = auth;
    this.forks = forks;
    this.validator = validator;
    this.mapper = mapper;
  }

  /**
   * Forks the run after a seq.
   *
   * @param cookie session cookie
   * @param csrf form token
   * @param headers request headers
   * @param id the original run
   * @param atSeq the seq the fork continues after
   * @param agentVersion another version of the agent, or blank
   * @param model a model replacing the definition's, as the API's JSON object, or blank
   * @param editedIndex the index of a message to replace, or blank
   * @param editedContent its new text, or blank
   * @return 303 to the side-by-side view
   */
  @POST
  @Path("/fork")
  public Response fork(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @PathParam("id") String id,
      @FormParam("atSeq") String atSeq,
      @FormParam("agentVersion") String agentVersion,
      @FormParam("model") String model,
      @FormParam("editedIndex") String editedIndex,
      @FormParam("editedContent") String editedContent) {
    SignedIn me = auth.require(cookie);
    auth.checkForm(me, csrf, headers);
    ConsoleRoles.require(me, "forking a run", ConsoleRoles.FORK);
    UUID runId = ConsoleParams.id("id", id);
    ForkRequest request =
        ConsoleForms.fork(
            validator, mapper, atSeq, agentVersion, model, editedIndex, editedContent);
    Forked fork =
        ConsoleParams.call(
            () -> forks.fork(me.caller().tenantId(), runId, request, me.caller().actor()));
    return Response.seeOther(
            URI.create("/console/runs/" + fork.forkedFrom() + "/compare?with=" + fork.id()))
        .build();
  }
}
