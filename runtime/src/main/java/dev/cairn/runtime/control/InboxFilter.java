package dev.cairn.runtime.control;

import java.time.Duration;
import java.util.List;

/**
 * Which inbox items to list.
 *
 * @param agent agent, or null for any
 * @param statuses run statuses, empty for any
 * @param olderThan only items that arose at least this long ago, or null
 * @param waitingLongerThan WAITING runs are listed once they waited this long, or null for the
 *     configured default
 */
public record InboxFilter(
    String agent, List<String> statuses, Duration olderThan, Duration waitingLongerThan) {}
