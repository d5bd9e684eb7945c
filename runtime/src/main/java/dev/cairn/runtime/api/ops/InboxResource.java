package dev.cairn.runtime.api.ops;

import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.control.InboxFilter;
import dev.cairn.runtime.control.InboxService;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator inbox: one listing of everything that needs a person. */
@Path("/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Operator control of runs")
public class InboxResource {
  private final InboxService inbox;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param inbox the inbox
   * @param caller the caller
   */
  public InboxResource(InboxService inbox, CurrentCaller caller) {
    this.inbox = inbox;
    this.caller = caller;
  }

  /**
   * What needs a person, newest first.
   *
   * @param agent agent filter
   * @param status run status filter, repeatable or comma-separated
   * @param olderThan only items at least this old (ISO-8601 duration)
   * @param waitingLongerThan list WAITING runs once they waited this long (ISO-8601 duration)
   * @param cursor cursor from the previous page
   * @param limit page size (1-200, default 50)
   * @return a page
   */
  @GET
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "The operator inbox",
      description =
          "Pending approvals and runs that need a person (NEEDS_RECONCILIATION, QUARANTINED,"
              + " PAUSED with why, BUDGET_EXCEEDED, FAILED, and WAITING longer than a"
              + " threshold), each with a category and a reason; newest first.")
  public Page<InboxItemResponse> list(
      @QueryParam("agent") @Size(max = 63) String agent,
      @Parameter(description = "Run statuses, repeatable or comma-separated")
          @QueryParam("status")
          @Size(max = 10)
          List<@Size(max = 300) String> status,
      @Parameter(description = "Only items at least this old, e.g. PT30M")
          @QueryParam("olderThan")
          @Size(max = 40)
          String olderThan,
      @Parameter(description = "WAITING runs count once they waited this long, e.g. PT1H")
          @QueryParam("waitingLongerThan")
          @Size(max = 40)
          String waitingLongerThan,
      @QueryParam("cursor") @Size(max = 200) String cursor,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
    InboxFilter filter =
        new InboxFilter(
            agent == null || agent.isEmpty() ? null : agent,
            OpsParams.statuses("status", status),
            OpsParams.duration("olderThan", olderThan),
            OpsParams.duration("waitingLongerThan", waitingLongerThan));
    InboxService.Slice slice = inbox.page(caller.get().tenantId(), filter, cursor, limit);
    return new Page<>(slice.items().stream().map(OpsDtos::inboxItem).toList(), slice.nextCursor());
  }
}
