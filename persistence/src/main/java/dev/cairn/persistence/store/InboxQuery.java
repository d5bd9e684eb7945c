package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A page request of the operator inbox.
 *
 * @param tenantId tenant
 * @param waitingBefore WAITING runs count when their last change is older than this
 * @param agent agent filter, or null
 * @param statuses run status filter, empty for any
 * @param sinceBefore only items that arose before this
 * @param afterSince cursor: items strictly older than (afterSince, afterId), or null for the start
 * @param afterId cursor id, or null
 * @param limit page size
 */
public record InboxQuery(
    String tenantId,
    Instant waitingBefore,
    String agent,
    List<String> statuses,
    Instant sinceBefore,
    Instant afterSince,
    UUID afterId,
    int limit) {}
