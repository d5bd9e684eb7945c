package dev.cairn.runtime.console;

import dev.cairn.runtime.api.audit.AuditEventResponse;
import dev.cairn.runtime.api.audit.AuditFilters;
import dev.cairn.runtime.api.audit.AuditVerifyResponse;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.api.problem.TextSafety;
import dev.cairn.runtime.audit.chain.AuditFilter;
import dev.cairn.runtime.audit.chain.AuditLog;
import dev.cairn.runtime.audit.chain.AuditRecord;
import dev.cairn.runtime.audit.chain.AuditVerifier;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The tenant's audit log: its chain verified on request (intact, or the first broken link and why),
 * and its records filtered by actor, action and time, newest first, keyset paged below a seq. The
 * same services, limits and role rules as {@code /v1/audit} (auditor and admin).
 */
@Path("/console/audit")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class AuditLogResource {
  private final ConsoleAuth auth;
  private final AuditLog log;
  private final AuditVerifier verifier;
  private final ConsoleConfig config;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param log audit records
   * @param verifier chain verification
   * @param config console settings
   */
  public AuditLogResource(
      ConsoleAuth auth, AuditLog log, AuditVerifier verifier, ConsoleConfig config) {
    this.auth = auth;
    this.log = log;
    this.verifier = verifier;
    this.config = config;
  }

  /**
   * The audit page.
   *
   * @param cookie session cookie
   * @param actor only this actor
   * @param action only this action
   * @param from at or after (ISO 8601)
   * @param to before (ISO 8601)
   * @param before records below this seq (the older page's cursor)
   * @param verify {@code 1} to verify the chain as part of the page
   * @return the page
   */
  @GET
  public Response page(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("before") String before,
      @QueryParam("verify") String verify) {
    long start = System.nanoTime();
    SignedIn me = auditor(cookie);
    String wantedActor = filter("actor", actor);
    String wantedAction = filter("action", action);
    String wantedFrom = filter("from", from);
    String wantedTo = filter("to", to);
    long below = seq(before);
    int size = Math.clamp(config.pageSize(), 1, AuditFilters.MAX_LIMIT - 1);
    AuditFilter filter =
        ConsoleParams.call(
            () ->
                AuditFilters.of(
                    wantedActor, wantedAction, null, wantedFrom, wantedTo, 0, size + 1));
    List<AuditRecord> records =
        ConsoleParams.call(() -> log.recordsNewestFirst(me.caller().tenantId(), filter, below));
    List<AuditEventResponse> events =
        records.subList(0, Math.min(size, records.size())).stream()
            .map(AuditEventResponse::of)
            .toList();
    String query = query(wantedActor, wantedAction, wantedFrom, wantedTo);
    String older =
        records.size() > size
            ? "/console/audit?" + query + "before=" + events.getLast().seq()
            : null;
    String newest = before == null || before.isBlank() ? null : "/console/audit?" + query;
    AuditVerifyResponse verdict = "1".equals(verify) ? verdict(me) : null;
    AuditView view =
        new AuditView(
            events,
            orEmpty(wantedActor),
            orEmpty(wantedAction),
            orEmpty(wantedFrom),
            orEmpty(wantedTo),
            older,
            newest,
            verdict,
            "/console/audit?" + query + "verify=1");
    return RunsResource.timed(AgentTemplates.audit(me, view), start, "audit");
  }

  /**
   * Verifies the tenant's chain (the service behind {@code GET /v1/audit/verify}).
   *
   * @param cookie session cookie
   * @return the verdict fragment
   */
  @GET
  @Path("/verify")
  public Response verify(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
    long start = System.nanoTime();
    SignedIn me = auditor(cookie);
    AuditView view =
        new AuditView(List.of(), "", "", "", "", null, null, verdict(me), "/console/audit");
    return RunsResource.timed(AgentTemplates.audit$verdict(me, view), start, "audit verify");
  }

  /**
   * Verifies one run's checkpoint chain: to the run page's verdict fragment (for htmx), or to the
   * run page.
   *
   * @param cookie session cookie
   * @param run the run id
   * @param htmx htmx's request header
   * @return a redirect
   */
  @GET
  @Path("/run")
  public Response run(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @QueryParam("run") String run,
      @HeaderParam("HX-Request") String htmx) {
    auditor(cookie);
    String text = ConsoleParams.text("run", run, 36);
    UUID id = ConsoleParams.id("run", text);
    String target = "/console/runs/" + id + (htmx == null ? "" : "/verify");
    return Response.seeOther(URI.create(target)).build();
  }

  private AuditVerifyResponse verdict(SignedIn me) {
    return ConsoleParams.call(
        () -> AuditVerifyResponse.of(verifier.verify(me.caller().tenantId())));
  }

  private SignedIn auditor(String cookie) {
    SignedIn me = auth.require(cookie);
    ConsoleRoles.require(me, "the audit log", ConsoleRoles.AUDIT_LOG);
    return me;
  }

  /** A filter as typed: refused when unsafe text, stripped, null when blank. */
  private static String filter(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String problem = TextSafety.problem(value);
    if (problem != null) {
      throw ConsoleException.of(CairnException.invalid(name, problem));
    }
    return value.strip();
  }

  private static long seq(String before) {
    String text = filter("before", before);
    if (text == null) {
      return Long.MAX_VALUE;
    }
    try {
      long seq = Long.parseLong(text);
      if (seq < 1) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw ConsoleException.of(CairnException.invalid("before", "a seq (1 or more)"));
    }
  }

  private static String query(String actor, String action, String from, String to) {
    StringBuilder q = new StringBuilder();
    append(q, "actor", actor);
    append(q, "action", action);
    append(q, "from", from);
    append(q, "to", to);
    return q.toString();
  }

  private static void append(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append(name).append('=').append(ConsoleParams.encode(value)).append('&');
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
