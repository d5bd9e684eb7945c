package dev.cairn.runtime.api.audit;

import java.util.List;

/**
 * A page of a run's history.
 *
 * @param items checkpoints in seq order
 * @param nextCursor pass as {@code after} for the next page; null on the last page
 */
public record HistoryPage(List<HistoryEntry> items, String nextCursor) {}
