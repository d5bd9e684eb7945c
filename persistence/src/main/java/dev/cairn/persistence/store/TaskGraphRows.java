package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run's task graph as stored: the run (its root task), its subtasks, child runs and signals.
 *
 * @param agentName the run's agent
 * @param status the run's status
 * @param waitReason why it waits, or null
 * @param wakeAt when it wakes at the latest, or null
 * @param parentRunId its parent, or null
 * @param createdAt when it was submitted
 * @param tasks its subtasks
 * @param children its child runs
 * @param signals its latest signals
 */
public record TaskGraphRows(
    String agentName,
    String status,
    String waitReason,
    Instant wakeAt,
    UUID parentRunId,
    Instant createdAt,
    List<TaskRow> tasks,
    List<ChildRunRow> children,
    List<SignalSummaryRow> signals) {}
