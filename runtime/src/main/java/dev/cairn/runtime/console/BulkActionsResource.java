package dev.cairn.runtime.console;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.control.BulkFilter;
import dev.cairn.runtime.control.BulkService;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.CommandRules;
import dev.cairn.runtime.engine.RunStatus;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Bulk pause, resume or cancel from the runs view, in two form posts: the first runs the dry run
 * through the same {@link BulkService} as {@code POST /v1/runs/bulk/*} and shows how many runs
 * would get the command; the second gives it. The selection is pinned to runs submitted before the
 * dry run, the number of runs commanded is bounded by the count the operator saw (the service's
 * {@code limit}), and the count is taken again at confirm time: if it grew, nothing is done and the
 * new count is shown to confirm again. Both posts pass the same checks as {@link ActionsResource}
 * (same origin, the session's CSRF token, the operator role).
 */
@Path("/console/runs/bulk")
@PermitAll
@Blocking
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_HTML)
public class BulkActionsResource {
  private final ConsoleAuth auth;
  private final BulkService bulk;
  private final Clock clock;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param bulk bulk commands
   * @param clock clock
   */
  public BulkActionsResource(ConsoleAuth auth, BulkService bulk, Clock clock) {
    this.auth = auth;
    this.bulk = bulk;
    this.clock = clock;
  }

  /**
   * Step 1: the dry run, shown as a confirmation page. Writes nothing.
   *
   * @param cookie session cookie
   * @param csrf form token
   * @param headers request headers
   * @param action {@code pause}, {@code resume} or {@code cancel}
   * @param state the runs view's state filter, or empty
   * @param agent the runs view's agent filter, or empty
   * @param age the runs view's "created within" filter; refused when set (no bulk equivalent)
   * @return the confirmation page
   */
  @POST
  public Response dryRun(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @FormParam("action") String action,
      @FormParam("state") String state,
      @FormParam("agent") String agent,
      @FormParam("age") String age) {
    SignedIn me = checked(cookie, csrf, headers);
    Selection selection = selection(action, state, agent, age, clock.instant());
    BulkService.Result preview = preview(me, selection);
    return page(
        200, BulkTemplates.bulkConfirm(me, confirmView(selection, preview, -1, bulk.maxRuns())));
  }

  /**
   * Step 2: gives the command, unless more runs match now than the dry run showed.
   *
   * @param cookie session cookie
   * @param csrf form token
   * @param headers request headers
   * @param action {@code pause}, {@code resume} or {@code cancel}
   * @param state the state filter, or empty
   * @param agent the agent filter, or empty
   * @param age must be empty
   * @param asOf the dry run's instant: only runs submitted before it
   * @param expected the count the operator confirmed
   * @return the result page, or the confirmation page again (409) when the selection grew
   */
  @POST
  @Path("/confirm")
  public Response confirm(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @FormParam("action") String action,
      @FormParam("state") String state,
      @FormParam("agent") String agent,
      @FormParam("age") String age,
      @FormParam("asOf") String asOf,
      @FormParam("expected") String expected) {
    SignedIn me = checked(cookie, csrf, headers);
    Instant pinned = asOf(asOf);
    long confirmed = expected(expected);
    Selection selection = selection(action, state, agent, age, pinned);
    int max = bulk.maxRuns();
    BulkService.Result now = preview(me, selection);
    if (now.matched() > confirmed) {
      return page(409, BulkTemplates.bulkConfirm(me, confirmView(selection, now, confirmed, max)));
    }
    int limit = (int) Math.min(confirmed, max);
    BulkService.Result done =
        ConsoleParams.call(
            () ->
                bulk.run(
                    me.caller().tenantId(),
                    selection.kind(),
                    selection.filter(),
                    false,
                    limit,
                    me.caller().actor()));
    return page(
        200,
        BulkTemplates.bulkResult(
            me,
            new BulkResultView(
                selection.action(),
                verb(selection.kind()),
                confirmed,
                done.accepted().size(),
                done.skipped().size(),
                done.accepted().stream().limit(BulkService.SAMPLE_SIZE).toList(),
                done.skipped().stream().limit(BulkService.SAMPLE_SIZE).toList(),
                selection.backHref())));
  }

  private SignedIn checked(String cookie, String csrf, HttpHeaders headers) {
    SignedIn me = auth.require(cookie);
    auth.checkForm(me, csrf, headers);
    auth.requireOperator(me);
    return me;
  }

  private BulkService.Result preview(SignedIn me, Selection selection) {
    return ConsoleParams.call(
        () ->
            bulk.run(
                me.caller().tenantId(),
                selection.kind(),
                selection.filter(),
                true,
                bulk.maxRuns(),
                me.caller().actor()));
  }

  /**
   * The runs view's filters as a bulk filter; the view's "created within" has none (the bulk filter
   * selects runs submitted before a time), so it is refused rather than dropped.
   */
  private static Selection selection(
      String action, String state, String agent, String age, Instant asOf) {
    CommandKind kind =
        switch (action == null ? "" : action) {
          case "pause" -> CommandKind.PAUSE;
          case "resume" -> CommandKind.RESUME;
          case "cancel" -> CommandKind.CANCEL;
          default ->
              throw ConsoleException.of(
                  CairnException.invalid("action", "one of pause, resume, cancel"));
        };
    String wantedState = ConsoleParams.text("state", state, 40);
    if (wantedState != null && !RunsResource.STATES.contains(wantedState)) {
      throw ConsoleException.of(CairnException.invalid("state", "not a run state"));
    }
    String wantedAgent = ConsoleParams.text("agent", agent, 63);
    if (ConsoleParams.text("age", age, 8) != null) {
      throw ConsoleException.of(
          CairnException.invalid(
              "age",
              "bulk actions have no 'created within' filter (the bulk filter selects runs"
                  + " submitted before a time); clear it to act on the runs of every age"));
    }
    return new Selection(action, kind, wantedState, wantedAgent, asOf);
  }

  private Instant asOf(String value) {
    String text = ConsoleParams.text("asOf", value, 40);
    try {
      if (text == null) {
        throw new DateTimeParseException("missing", "", 0);
      }
      Instant instant = Instant.parse(text);
      if (instant.isAfter(clock.instant())) {
        throw ConsoleException.of(CairnException.invalid("asOf", "in the future"));
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw ConsoleException.of(
          CairnException.invalid("asOf", "not an ISO-8601 instant (the dry run's time)"));
    }
  }

  private static long expected(String value) {
    String text = ConsoleParams.text("expected", value, 12);
    try {
      long n = text == null ? -1 : Long.parseLong(text);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ConsoleException.of(
          CairnException.invalid("expected", "the dry run's count, a positive whole number"));
    }
  }

  private static BulkConfirmView confirmView(
      Selection selection, BulkService.Result preview, long shown, int max) {
    String refused = null;
    List<String> statuses;
    if (selection.state() != null) {
      statuses = List.of(selection.state());
      refused =
          CommandRules.conflict(RunStatus.valueOf(selection.state()), selection.kind())
              .orElse(null);
    } else {
      statuses =
          Arrays.stream(RunStatus.values())
              .filter(s -> CommandRules.conflict(s, selection.kind()).isEmpty())
              .map(Enum::name)
              .toList();
    }
    return new BulkConfirmView(
        selection.action(),
        verb(selection.kind()),
        preview.matched(),
        shown,
        shown >= 0,
        preview.sample(),
        selection.state() == null ? "" : selection.state(),
        selection.state() == null,
        String.join(", ", statuses),
        selection.agent() == null ? "" : selection.agent(),
        selection.asOf().toString(),
        max,
        preview.matched() > max,
        refused,
        selection.backHref());
  }

  private static String verb(CommandKind kind) {
    return switch (kind) {
      case PAUSE -> "paused";
      case RESUME -> "resumed";
      default -> "cancelled";
    };
  }

  private static Response page(int status, io.quarkus.qute.TemplateInstance page) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(page.render())
        .build();
  }

  /** A checked bulk selection. */
  private record Selection(
      String action, CommandKind kind, String state, String agent, Instant asOf) {
    BulkFilter filter() {
      return new BulkFilter(agent, state == null ? List.of() : List.of(state), asOf);
    }

    String backHref() {
      StringBuilder href = new StringBuilder("/console/runs");
      String sep = "?";
      if (state != null) {
        href.append(sep).append("state=").append(ConsoleParams.encode(state));
        sep = "&";
      }
      if (agent != null) {
        href.append(sep).append("agent=").append(ConsoleParams.encode(agent));
      }
      return href.toString();
    }
  }
}
