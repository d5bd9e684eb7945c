package dev.cairn.runtime.console;

import dev.cairn.runtime.control.InboxFilter;
import dev.cairn.runtime.control.InboxService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The inbox: runs waiting for an operator (approvals, paused, reconciliation), oldest first. */
@Path("/console/inbox")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class InboxResource {
  private final ConsoleAuth auth;
  private final InboxService inbox;
  private final ConsoleConfig config;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param inbox the inbox service
   * @param config console settings
   */
  public InboxResource(ConsoleAuth auth, InboxService inbox, ConsoleConfig config) {
    this.auth = auth;
    this.inbox = inbox;
    this.config = config;
  }

  /**
   * The inbox page.
   *
   * @param cookie session cookie
   * @param cursor page cursor
   * @return the page
   */
  @GET
  public Response page(
      @CookieParam(ConsoleSessions.COOKIE) String cookie, @QueryParam("cursor") String cursor) {
    long start = System.nanoTime();
    SignedIn me = auth.require(cookie);
    String wanted = ConsoleParams.text("cursor", cursor, 200);
    InboxService.Slice slice =
        ConsoleParams.call(
            () ->
                inbox.page(
                    me.caller().tenantId(),
                    new InboxFilter(null, java.util.List.of(), null, null),
                    wanted,
                    config.pageSize()));
    String next =
        slice.nextCursor() == null
            ? null
            : "/console/inbox?cursor=" + ConsoleParams.encode(slice.nextCursor());
    return RunsResource.timed(
        ConsoleTemplates.inbox(me, new InboxView(slice.items(), next)), start, "inbox");
  }
}
