package dev.cairn.runtime.console;

import dev.cairn.runtime.control.InboxItem;
import java.util.List;

/**
 * The inbox as shown: runs waiting for an operator.
 *
 * @param items this page
 * @param nextHref the next page's link, or null
 */
public record InboxView(List<InboxItem> items, String nextHref) {}
