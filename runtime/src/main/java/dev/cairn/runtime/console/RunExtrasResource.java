package dev.cairn.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.api.audit.CompareResponse;
import dev.cairn.runtime.api.dev.RunReader;
import dev.cairn.runtime.api.dev.RunResponse;
import dev.cairn.runtime.api.dev.TaskGraphReader;
import dev.cairn.runtime.api.dev.TaskGraphResponse;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.audit.fork.SideBySide;
import dev.cairn.runtime.audit.replay.ReplayReport;
import dev.cairn.runtime.audit.replay.ReplayService;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The run page's audit extras, each through the service behind its REST endpoint and with that
 * endpoint's roles: recorded replay ({@code /v1/runs/{id}/replay}), the fork form, two runs side by
 * side ({@code /v1/runs/{id}/compare}) and the task graph ({@code /v1/runs/{id}/tasks}).
 */
@Path("/console/runs/{id}")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class RunExtrasResource {
  private static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXCEEDED", "QUARANTINED");

  private final ConsoleAuth auth;
  private final ReplayService replays;
  private final SideBySide sideBySide;
  private final TaskGraphReader graphs;
  private final RunReader runs;
  private final ConsoleConfig config;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param replays recorded replay
   * @param sideBySide comparisons
   * @param graphs task graphs
   * @param runs run reads
   * @param config console settings
   */
  public RunExtrasResource(
      ConsoleAuth auth,
      ReplayService replays,
      SideBySide sideBySide,
      TaskGraphReader graphs,
      RunReader runs,
      ConsoleConfig config) {
    this.auth = auth;
    this.replays = replays;
    this.sideBySide = sideBySide;
    this.graphs = graphs;
    this.runs = runs;
    this.config = config;
  }

  /**
   * Replays the run's recorded history (no model or tool call) and shows MATCH, the first
   * divergence, INCOMPLETE or ERROR.
   *
   * @param cookie session cookie
   * @param id run id
   * @param agentVersion the definition version to replay with, or empty for the run's own
   * @return the verdict fragment
   */
  @GET
  @Path("/replay")
  public Response replay(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @PathParam("id") String id,
      @QueryParam("agentVersion") String agentVersion) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    ConsoleRoles.require(me, "replay", ConsoleRoles.READERS);
    UUID runId = ConsoleParams.id("id", id);
    Integer version = ConsoleForms.integer("agentVersion", agentVersion, 1, 1_000_000);
    ReplayReport report =
        ConsoleParams.call(() -> replays.replay(me.caller().tenantId(), runId, version));
    return RunsResource.timed(ExtrasTemplates.replay(me, report), start, "replay");
  }

  /**
   * The form forking the run after a checkpoint: a fragment for htmx (opened inside the timeline
   * entry), a page otherwise.
   *
   * @param cookie session cookie
   * @param id run id
   * @param atSeq the seq the fork continues after
   * @param htmx the {@code HX-Request} header
   * @return the form
   */
  @GET
  @Path("/fork")
  public Response forkForm(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @PathParam("id") String id,
      @QueryParam("atSeq") String atSeq,
      @HeaderParam("HX-Request") String htmx) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    ConsoleRoles.require(me, "forking a run", ConsoleRoles.FORK);
    UUID runId = ConsoleParams.id("id", id);
    Integer seq = ConsoleForms.integer("atSeq", atSeq, 0, Integer.MAX_VALUE);
    if (seq == null) {
      throw ConsoleException.of(CairnException.invalid("atSeq", "required"));
    }
    RunResponse run = ConsoleParams.call(() -> runs.get(me.caller().tenantId(), runId));
    ForkFormView view = new ForkFormView(runId.toString(), run.agent(), run.agentVersion(), seq);
    TemplateInstance page =
        htmx != null ? ExtrasTemplates.fork$form(me, view) : ExtrasTemplates.fork(me, view);
    return RunsResource.timed(page, start, "fork form");
  }

  /**
   * Two runs side by side, seq by seq, from the fork point when one is a fork of the other; one
   * page of at most {@code limit} seqs (the rows alone for htmx's refresh).
   *
   * @param cookie session cookie
   * @param id the first run
   * @param with the second run
   * @param from the first seq, or empty for the fork point
   * @param limit seqs per page (1-200, default the console's page size)
   * @param htmx the {@code HX-Request} header
   * @return the page
   */
  @GET
  @Path("/compare")
  public Response compare(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @PathParam("id") String id,
      @QueryParam("with") String with,
      @QueryParam("from") String from,
      @QueryParam("limit") String limit,
      @HeaderParam("HX-Request") String htmx) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    ConsoleRoles.require(me, "comparing runs", ConsoleRoles.READERS);
    UUID left = ConsoleParams.id("id", id);
    UUID right = ConsoleParams.id("with", with);
    Integer first = ConsoleForms.integer("from", from, 1, Integer.MAX_VALUE);
    Integer size = ConsoleForms.integer("limit", limit, 1, SideBySide.MAX_LIMIT);
    int pageSize = size == null ? Math.min(config.pageSize(), SideBySide.MAX_LIMIT) : size;
    String tenant = me.caller().tenantId();
    CompareView view =
        ConsoleParams.call(
            () -> {
              RunResponse l = runs.get(tenant, left);
              RunResponse r = runs.get(tenant, right);
              CompareResponse page =
                  CompareResponse.of(sideBySide.compare(tenant, left, right, first, pageSize));
              return view(l, r, page, first, size);
            });
    TemplateInstance page =
        htmx != null ? ExtrasTemplates.compare$rows(me, view) : ExtrasTemplates.compare(me, view);
    return RunsResource.timed(page, start, "compare");
  }

  /**
   * The run's task graph: subtasks with state and dependencies, child runs (linked), the parent run
   * (linked) and the latest signals; it refreshes itself while the run can change.
   *
   * @param cookie session cookie
   * @param id run id
   * @return the fragment
   */
  @GET
  @Path("/tasks")
  public Response tasks(
      @CookieParam(ConsoleSessions.COOKIE) String cookie, @PathParam("id") String id) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    ConsoleRoles.require(me, "reading the task graph", ConsoleRoles.READERS);
    UUID runId = ConsoleParams.id("id", id);
    TaskGraphResponse graph = ConsoleParams.call(() -> graphs.graph(me.caller().tenantId(), runId));
    TasksView view =
        new TasksView(runId.toString(), graph, !TERMINAL.contains(graph.root().status()));
    return RunsResource.timed(ExtrasTemplates.tasks(me, view), start, "tasks");
  }

  private static CompareView view(
      RunResponse l, RunResponse r, CompareResponse page, Integer from, Integer limit) {
    Integer forkPoint = null;
    if (l.id().equals(r.forkedFrom())) {
      forkPoint = r.forkedAtSeq();
    } else if (r.id().equals(l.forkedFrom())) {
      forkPoint = l.forkedAtSeq();
    }
    List<CompareView.Line> lines = new ArrayList<>(page.rows().size());
    int same = 0;
    for (CompareResponse.CompareRow row : page.rows()) {
      CompareView.Side a = side(row.left());
      CompareView.Side b = side(row.right());
      boolean both = a != null && b != null;
      lines.add(
          new CompareView.Line(
              row.seq(),
              row.same(),
              a,
              b,
              both && !Objects.equals(a.kind(), b.kind()),
              both && !Objects.equals(a.decision(), b.decision()),
              both && !Objects.equals(a.outcome(), b.outcome())));
      if (row.same()) {
        same++;
      }
    }
    String base = "/console/runs/" + l.id() + "/compare?with=" + r.id();
    String sizeParam = limit == null ? "" : "&limit=" + limit;
    return new CompareView(
        l,
        r,
        page.fromSeq(),
        forkPoint,
        lines,
        same,
        page.nextFrom() == null ? null : base + "&from=" + page.nextFrom() + sizeParam,
        page.fromSeq() > 1 ? base + "&from=1" + sizeParam : null,
        base + (from == null ? "" : "&from=" + from) + sizeParam,
        !TERMINAL.contains(l.status()) || !TERMINAL.contains(r.status()));
  }

  private static CompareView.Side side(CompareResponse.Step s) {
    if (s == null) {
      return null;
    }
    return new CompareView.Side(
        s.kind(),
        s.statusAfter(),
        s.actor(),
        s.inputTokens() + " in / " + s.outputTokens() + " out",
        text(s.decision()),
        text(s.outcome()),
        s.pruned(),
        s.hash(),
        s.createdAt());
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : node.toPrettyString();
  }
}
