package dev.cairn.runtime.control;

import java.time.Instant;
import java.util.List;

/**
 * Which runs a bulk command targets.
 *
 * @param agent agent, or null for any
 * @param statuses statuses, empty for every status the command is allowed in
 * @param createdBefore only runs submitted before this, or null for any
 */
public record BulkFilter(String agent, List<String> statuses, Instant createdBefore) {}
