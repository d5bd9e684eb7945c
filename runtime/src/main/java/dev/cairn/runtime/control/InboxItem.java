package dev.cairn.runtime.control;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that needs a person.
 *
 * @param category {@code APPROVAL}, {@code RECONCILIATION}, {@code QUARANTINED}, {@code PAUSED},
 *     {@code BUDGET_EXCEEDED}, {@code FAILED} or {@code WAITING_LONG}
 * @param runId the run
 * @param agent its agent
 * @param status its status
 * @param reason why it needs a person
 * @param approvalId the pending approval, for {@code APPROVAL} items
 * @param tool the tool waiting for approval, for {@code APPROVAL} items
 * @param since when the item arose
 * @param runCreatedAt when the run was submitted
 */
public record InboxItem(
    String category,
    UUID runId,
    String agent,
    String status,
    String reason,
    UUID approvalId,
    String tool,
    Instant since,
    Instant runCreatedAt) {}
