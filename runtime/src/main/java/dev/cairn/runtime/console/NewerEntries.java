package dev.cairn.runtime.console;

import java.util.List;

/**
 * Timeline entries a live page has not shown yet.
 *
 * @param entries the new checkpoints, newest first (at most one page)
 * @param newestSeq the newest seq the page shows after adding them
 * @param gapHref the link to the steps between the page and the new entries when more arrived than
 *     a page holds, or null
 * @param missing how many steps that gap holds
 */
public record NewerEntries(
    List<TimelineEntry> entries, int newestSeq, String gapHref, int missing) {}
