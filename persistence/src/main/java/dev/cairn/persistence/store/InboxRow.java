package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One item of the operator inbox.
 *
 * @param category {@code APPROVAL}, {@code RECONCILIATION}, {@code QUARANTINED}, {@code PAUSED},
 *     {@code BUDGET_EXCEEDED}, {@code FAILED} or {@code WAITING_LONG}
 * @param runId the run
 * @param agent its agent
 * @param status its status
 * @param waitReason why it waits, or null
 * @param attention why it needs a person, as the engine recorded it, or null
 * @param approvalId the pending approval, for {@code APPROVAL} items
 * @param tool the tool waiting for approval, for {@code APPROVAL} items
 * @param since when the item arose (approval requested, or the run's last change)
 * @param itemId the item's id (approval id or run id), for paging
 * @param createdAt when the run was submitted
 */
public record InboxRow(
    String category,
    UUID runId,
    String agent,
    String status,
    String waitReason,
    String attention,
    UUID approvalId,
    String tool,
    Instant since,
    UUID itemId,
    Instant createdAt) {}
