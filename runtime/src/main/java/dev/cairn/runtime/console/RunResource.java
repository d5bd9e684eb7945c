package dev.cairn.runtime.console;

import dev.cairn.runtime.api.audit.VerificationResponse;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.audit.checkpoints.CheckpointVerifier;
import dev.cairn.runtime.events.sse.EventStreamService;
import dev.cairn.runtime.events.sse.Resume;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;

/**
 * One run: its state, budget and cost, pending approvals and timeline, live while it runs (the page
 * listens to {@code /console/runs/{id}/events} and reloads its panel on each event).
 */
@Path("/console/runs/{id}")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class RunResource {
  private final ConsoleAuth auth;
  private final RunViews views;
  private final EventStreamService streams;
  private final CheckpointVerifier verifier;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param views run views
   * @param streams run event streams
   * @param verifier checkpoint-chain verification
   */
  public RunResource(
      ConsoleAuth auth, RunViews views, EventStreamService streams, CheckpointVerifier verifier) {
    this.auth = auth;
    this.views = views;
    this.streams = streams;
    this.verifier = verifier;
  }

  /**
   * The run page.
   *
   * @param cookie session cookie
   * @param id run id
   * @return the page
   */
  @GET
  public Response page(
      @CookieParam(ConsoleSessions.COOKIE) String cookie, @PathParam("id") String id) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    UUID runId = ConsoleParams.id("id", id);
    // Read before the view: an event after it may be shown already, never missed.
    int eventSeq = ConsoleParams.call(() -> streams.lastSeq(me.caller().tenantId(), runId));
    RunView view = views.view(me.caller().tenantId(), runId, Integer.MAX_VALUE);
    return RunsResource.timed(ConsoleTemplates.run(me, view, eventSeq), start, "run");
  }

  /**
   * The run's live panel.
   *
   * @param cookie session cookie
   * @param id run id
   * @return the fragment
   */
  @GET
  @Path("/panel")
  public Response panel(
      @CookieParam(ConsoleSessions.COOKIE) String cookie, @PathParam("id") String id) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    RunView view =
        views.view(me.caller().tenantId(), ConsoleParams.id("id", id), Integer.MAX_VALUE);
    return RunsResource.timed(ConsoleTemplates.run$panel(me, view), start, "run panel");
  }

  /**
   * Older timeline entries, one page below a seq.
   *
   * @param cookie session cookie
   * @param id run id
   * @param before exclusive upper seq
   * @return the fragment
   */
  @GET
  @Path("/older")
  public Response older(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @PathParam("id") String id,
      @QueryParam("before") @DefaultValue("2147483647") int before) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    RunView view =
        views.view(me.caller().tenantId(), ConsoleParams.id("id", id), Math.max(1, before));
    return RunsResource.timed(ConsoleTemplates.run$older(me, view), start, "run timeline");
  }

  /**
   * Timeline entries written after the newest one a live page shows (the page adds them on top and
   * keeps any older pages it loaded).
   *
   * @param cookie session cookie
   * @param id run id
   * @param after the newest seq the page shows
   * @return the fragment
   */
  @GET
  @Path("/newer")
  public Response newer(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @PathParam("id") String id,
      @QueryParam("after") @DefaultValue("0") int after) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    UUID runId = ConsoleParams.id("id", id);
    NewerEntries newer = views.newer(me.caller().tenantId(), runId, Math.max(0, after));
    return RunsResource.timed(
        ConsoleTemplates.runNewer(me, runId.toString(), newer), start, "run timeline, newer");
  }

  /**
   * Verifies the run's checkpoint chain (the audit API's verifier): intact, or the first broken seq
   * and why.
   *
   * @param cookie session cookie
   * @param id run id
   * @return the verdict fragment
   */
  @GET
  @Path("/verify")
  public Response verify(
      @CookieParam(ConsoleSessions.COOKIE) String cookie, @PathParam("id") String id) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    UUID runId = ConsoleParams.id("id", id);
    VerificationResponse verdict =
        verifier
            .verify(me.caller().tenantId(), runId)
            .map(VerificationResponse::of)
            .orElseThrow(
                () ->
                    ConsoleException.of(
                        CairnException.notFound("run " + runId + " does not exist")));
    return RunsResource.timed(ConsoleTemplates.verify(me, verdict), start, "verify");
  }

  /**
   * The run's events for the page: one {@code changed} event per run event (the page fetches its
   * panel again), resuming after {@code Last-Event-ID} when the browser reconnects.
   *
   * @param cookie session cookie
   * @param id run id
   * @param lastEventId where to resume
   * @param after where a page's first connection starts (the last event it shows), or null
   * @param sse SSE support
   * @param response the HTTP response
   * @return the events
   */
  @GET
  @Path("/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> events(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @PathParam("id") String id,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("after") String after,
      @Context Sse sse,
      @Context HttpServerResponse response) {
    SignedIn me = auth.require(cookie);
    UUID runId = ConsoleParams.id("id", id);
    Resume resume;
    if (lastEventId != null && !lastEventId.isEmpty()) {
      resume = new Resume("Last-Event-ID", lastEventId);
    } else if (after != null && !after.isEmpty()) {
      // The page's first connection: after the last event the page already shows.
      resume = new Resume("after", after);
    } else {
      resume = null;
    }
    Multi<OutboundSseEvent> events =
        ConsoleParams.call(
            () ->
                streams.runEvents(
                    me.caller().tenantId(),
                    runId,
                    resume,
                    new EventStreamService.Connection(sse, null, response::reset)));
    response.putHeader("Cache-Control", "no-store");
    response.putHeader("X-Accel-Buffering", "no");
    return events.map(event -> changed(sse, event));
  }

  private static OutboundSseEvent changed(Sse sse, OutboundSseEvent event) {
    if (event.getName() == null) {
      return event;
    }
    OutboundSseEvent.Builder changed = sse.newEventBuilder().name("changed").data(String.class, "");
    if (event.getId() != null) {
      changed.id(event.getId());
    }
    return changed.build();
  }
}
