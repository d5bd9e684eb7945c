package dev.cairn.runtime.console;

import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.api.dev.RunReader;
import dev.cairn.runtime.api.dev.RunResponse;
import dev.cairn.runtime.api.problem.CairnException;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The runs list: filters by state, agent and age, keyset pages (the REST list's cursor); the counts
 * per state load beside it from {@link CountsResource}, so a page never waits for them. Answers
 * carry {@code Server-Timing: app;dur=<ms>}.
 */
@Path("/console/runs")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class RunsResource {
  /** Every run state, in the order the filter and the counts show them. */
  static final List<String> STATES =
      List.of(
          "QUEUED",
          "RUNNING",
          "WAITING",
          "PAUSED",
          "NEEDS_RECONCILIATION",
          "COMPLETED",
          "FAILED",
          "CANCELLED",
          "BUDGET_EXCEEDED",
          "QUARANTINED");

  private static final Map<String, Duration> AGES =
      Map.of(
          "1h", Duration.ofHours(1),
          "24h", Duration.ofHours(24),
          "7d", Duration.ofDays(7),
          "30d", Duration.ofDays(30));

  private static final Logger LOG = Logger.getLogger(RunsResource.class);

  private final ConsoleAuth auth;
  private final RunReader reader;
  private final ConsoleConfig config;
  private final Clock clock;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param reader run reads
   * @param config console settings
   * @param clock clock
   */
  public RunsResource(ConsoleAuth auth, RunReader reader, ConsoleConfig config, Clock clock) {
    this.auth = auth;
    this.reader = reader;
    this.config = config;
    this.clock = clock;
  }

  /**
   * The runs list.
   *
   * @param cookie session cookie
   * @param state state filter
   * @param agent agent filter
   * @param age age filter
   * @param cursor page cursor
   * @return the page
   */
  @GET
  public Response list(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @QueryParam("state") String state,
      @QueryParam("agent") String agent,
      @QueryParam("age") String age,
      @QueryParam("cursor") String cursor) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    RunsView view = view(me, state, agent, age, cursor);
    return timed(ConsoleTemplates.runs(me, view), start, "runs");
  }

  private RunsView view(SignedIn me, String state, String agent, String age, String cursor) {
    String wantedState = ConsoleParams.text("state", state, 40);
    if (wantedState != null && !STATES.contains(wantedState)) {
      throw ConsoleException.of(CairnException.invalid("state", "not a run state"));
    }
    String wantedAgent = ConsoleParams.text("agent", agent, 63);
    String wantedAge = ConsoleParams.text("age", age, 8);
    if (wantedAge != null && !AGES.containsKey(wantedAge)) {
      throw ConsoleException.of(CairnException.invalid("age", "one of 1h, 24h, 7d, 30d"));
    }
    String wantedCursor = ConsoleParams.text("cursor", cursor, 200);
    Instant since = wantedAge == null ? null : clock.instant().minus(AGES.get(wantedAge));
    Page<RunResponse> page =
        ConsoleParams.call(
            () ->
                reader.page(
                    me.caller().tenantId(),
                    wantedState,
                    wantedAgent,
                    since,
                    wantedCursor,
                    config.pageSize()));
    String filters = filters(wantedState, wantedAgent, wantedAge);
    String next =
        page.nextCursor() == null
            ? null
            : "/console/runs?" + filters + "cursor=" + ConsoleParams.encode(page.nextCursor());
    return new RunsView(
        page.items(),
        List.of(),
        STATES,
        orEmpty(wantedState),
        orEmpty(wantedAgent),
        orEmpty(wantedAge),
        next,
        "/console/counts");
  }

  private static String filters(String state, String agent, String age) {
    StringBuilder query = new StringBuilder();
    if (state != null) {
      query.append("state=").append(ConsoleParams.encode(state)).append('&');
    }
    if (agent != null) {
      query.append("agent=").append(ConsoleParams.encode(agent)).append('&');
    }
    if (age != null) {
      query.append("age=").append(ConsoleParams.encode(age)).append('&');
    }
    return query.toString();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Renders a page and answers it with the server time spent, reads and rendering included. */
  static Response timed(TemplateInstance page, long start, String what) {
    String html = page.render();
    double ms = (System.nanoTime() - start) / 1_000_000.0;
    LOG.debugf("console %s answered in %.1f ms", what, ms);
    return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.1f", ms))
        .build();
  }
}
