package dev.cairn.runtime.console;

import dev.cairn.runtime.api.dev.RunResponse;
import java.util.List;

/**
 * The runs list as shown.
 *
 * @param runs this page, newest first
 * @param counts runs per state in the tenant
 * @param states every state, for the filter's choices
 * @param state the state filter, or empty
 * @param agent the agent filter, or empty
 * @param age the age filter ({@code 1h}, {@code 24h}, {@code 7d}) or empty
 * @param nextHref the next page's link, or null on the last page
 * @param countsHref the counts fragment's link
 */
public record RunsView(
    List<RunResponse> runs,
    List<StateCount> counts,
    List<String> states,
    String state,
    String agent,
    String age,
    String nextHref,
    String countsHref) {}
