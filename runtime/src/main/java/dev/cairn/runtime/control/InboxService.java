package dev.cairn.runtime.control;

import dev.cairn.persistence.store.CommandStore;
import dev.cairn.persistence.store.InboxQuery;
import dev.cairn.persistence.store.InboxRow;
import dev.cairn.runtime.config.CairnConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The operator inbox: pending approvals, runs needing reconciliation, quarantined, paused (with
 * why), over budget or failed, and runs waiting longer than a threshold, newest first.
 */
@ApplicationScoped
public class InboxService {
  private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");
  private static final java.util.UUID MAX_ID =
      java.util.UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");

  private final CommandStore store;
  private final Clock clock;
  private final Duration defaultWaiting;

  /**
   * A page of the inbox.
   *
   * @param items the items
   * @param nextCursor the next page's cursor, or null on the last page
   */
  public record Slice(List<InboxItem> items, String nextCursor) {}

  /**
   * Creates the service.
   *
   * @param store storage
   * @param clock clock
   * @param config the default waiting threshold
   */
  public InboxService(CommandStore store, Clock clock, CairnConfig config) {
    this.store = store;
    this.clock = clock;
    this.defaultWaiting = config.operator().inboxWaitingThreshold();
  }

  /**
   * A page of the inbox.
   *
   * @param tenantId tenant
   * @param filter what to list
   * @param cursor cursor from the previous page, or null
   * @param limit page size
   * @return the page
   */
  public Slice page(String tenantId, InboxFilter filter, String cursor, int limit) {
    Instant now = clock.instant();
    Cursors.TimeAndId after =
        cursor == null
            ? new Cursors.TimeAndId(FAR_FUTURE, MAX_ID)
            : Cursors.decodeTimeAndId(cursor);
    Duration waiting =
        filter.waitingLongerThan() == null ? defaultWaiting : filter.waitingLongerThan();
    List<InboxRow> rows =
        store.inbox(
            new InboxQuery(
                tenantId,
                now.minus(waiting),
                filter.agent(),
                filter.statuses(),
                filter.olderThan() == null ? FAR_FUTURE : now.minus(filter.olderThan()),
                after.at(),
                after.id(),
                limit + 1));
    boolean more = rows.size() > limit;
    List<InboxRow> page = more ? rows.subList(0, limit) : rows;
    String next = more ? Cursors.encode(page.getLast().since(), page.getLast().itemId()) : null;
    return new Slice(page.stream().map(InboxService::item).toList(), next);
  }

  private static InboxItem item(InboxRow r) {
    return new InboxItem(
        r.category(),
        r.runId(),
        r.agent(),
        r.status(),
        reason(r),
        r.approvalId(),
        r.tool(),
        r.since(),
        r.createdAt());
  }

  static String reason(InboxRow r) {
    String fallback =
        switch (r.category()) {
          case "APPROVAL" -> "a call of tool '" + r.tool() + "' waits for approval";
          case "RECONCILIATION" ->
              "a call with side effects was interrupted: say whether it happened";
          case "QUARANTINED" -> "its step kept crashing the runtime";
          case "PAUSED" -> "paused";
          case "BUDGET_EXCEEDED" -> "a budget limit was reached";
          case "FAILED" -> "it failed";
          case "WAITING_LONG" ->
              "waiting"
                  + (r.waitReason() == null ? "" : " (" + r.waitReason() + ")")
                  + " since "
                  + r.since();
          default -> r.category();
        };
    if (r.attention() != null && !r.category().equals("APPROVAL")) {
      return r.attention();
    }
    return fallback;
  }
}
