package dev.cairn.runtime.console;

/**
 * How many runs are in one state, with the link that filters by it.
 *
 * @param state the state
 * @param count how many
 * @param href the filtered list
 */
public record StateCount(String state, long count, String href) {}
