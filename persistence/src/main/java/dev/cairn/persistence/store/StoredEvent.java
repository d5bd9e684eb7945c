package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A run event as stored in the event log ({@code outbox_event}).
 *
 * @param id insertion order (unique, not gap-free, not commit order)
 * @param tx id of the transaction that wrote it (xid8, as text); with id, a reader's position
 * @param runId the run
 * @param seq the event's number within its run: 1, 2, 3... with no gaps
 * @param tenantId the run's tenant
 * @param agentName the run's agent
 * @param type event type without the CloudEvents prefix, e.g. {@code run.completed}
 * @param dataJson the event's data (JSON object)
 * @param time when the change happened
 * @param partition the log partition (by run)
 */
public record StoredEvent(
    long id,
    String tx,
    UUID runId,
    int seq,
    String tenantId,
    String agentName,
    String type,
    String dataJson,
    Instant time,
    int partition) {}
