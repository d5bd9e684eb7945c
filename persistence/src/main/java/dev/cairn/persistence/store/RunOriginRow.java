package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run as it was submitted, the start of a fold over its history.
 *
 * @param id run id
 * @param tenantId tenant
 * @param agentName agent
 * @param agentVersion pinned definition version
 * @param specJson the pinned definition's spec
 * @param budgetJson the budget the run was submitted with (JSON)
 * @param createdAt submission time
 * @param stepCount the run's last seq
 * @param budgetUnknown whether the submitted budget is not recorded (raised before it was kept)
 * @param input its input messages (seq 0)
 */
public record RunOriginRow(
    UUID id,
    String tenantId,
    String agentName,
    int agentVersion,
    String specJson,
    String budgetJson,
    Instant createdAt,
    int stepCount,
    boolean budgetUnknown,
    List<MessageRow> input) {}
