package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;

/**
 * Which runs a bulk command targets.
 *
 * @param tenantId tenant
 * @param agent agent filter, or null
 * @param statuses status filter, empty for any
 * @param createdBefore only runs submitted before this
 */
public record RunSelection(
    String tenantId, String agent, List<String> statuses, Instant createdBefore) {}
