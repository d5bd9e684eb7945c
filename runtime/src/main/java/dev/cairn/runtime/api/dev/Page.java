package dev.cairn.runtime.api.dev;

import java.util.List;

/**
 * A page of items with the cursor of the next page.
 *
 * @param items the items
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 * @param <T> item type
 */
public record Page<T>(List<T> items, String nextCursor) {}
