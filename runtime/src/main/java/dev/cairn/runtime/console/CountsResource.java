package dev.cairn.runtime.console;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The live counts of runs per state, refreshed by the runs page (its own path: under {@code
 * /console/runs/} it would read as a run id).
 */
@Path("/console/counts")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class CountsResource {
  private final ConsoleAuth auth;
  private final RunCounts counts;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param counts runs per state
   */
  public CountsResource(ConsoleAuth auth, RunCounts counts) {
    this.auth = auth;
    this.counts = counts;
  }

  /**
   * The counts fragment.
   *
   * @param cookie session cookie
   * @return the fragment
   */
  @GET
  public Response counts(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    RunsView view =
        new RunsView(
            List.of(),
            counts.of(me.caller().tenantId()),
            RunsResource.STATES,
            "",
            "",
            "",
            null,
            "/console/counts");
    return RunsResource.timed(ConsoleTemplates.runs$counts(me, view), start, "counts");
  }
}
