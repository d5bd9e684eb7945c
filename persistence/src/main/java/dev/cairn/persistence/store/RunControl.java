package dev.cairn.persistence.store;

/**
 * What a new command is validated against, read under the run's row lock.
 *
 * @param status the run's status
 * @param waitReason why it waits, or null
 * @param commandSeq the seq the new command gets
 * @param budgetJson the run's effective budget (JSON), or null
 */
public record RunControl(String status, String waitReason, long commandSeq, String budgetJson) {}
