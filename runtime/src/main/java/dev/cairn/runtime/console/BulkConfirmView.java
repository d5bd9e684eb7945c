package dev.cairn.runtime.console;

import dev.cairn.runtime.control.BulkService;
import java.util.List;

/**
 * A bulk action's dry run, shown for confirmation.
 *
 * @param action {@code pause}, {@code resume} or {@code cancel}
 * @param verb {@code paused}, {@code resumed} or {@code cancelled}
 * @param matched runs the filter matches now
 * @param shown the count shown before, when the selection changed at confirm time; else -1
 * @param changed whether the count grew since it was shown (nothing was done)
 * @param sample up to {@link BulkService#SAMPLE_SIZE} matching runs, oldest first
 * @param state the state filter, or empty
 * @param anyState whether no state was chosen (the service takes every state the command allows)
 * @param statuses the states the selection covers, comma-separated
 * @param agent the agent filter, or empty
 * @param asOf only runs submitted before this instant (the dry run's time), ISO-8601
 * @param max the most runs one request commands
 * @param overCap whether more runs match than one request commands
 * @param refused why runs in the chosen state refuse the command, or null
 * @param backHref the runs view with the same filter
 */
public record BulkConfirmView(
    String action,
    String verb,
    long matched,
    long shown,
    boolean changed,
    List<BulkService.Match> sample,
    String state,
    boolean anyState,
    String statuses,
    String agent,
    String asOf,
    int max,
    boolean overCap,
    String refused,
    String backHref) {}
