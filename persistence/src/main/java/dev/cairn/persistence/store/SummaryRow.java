package dev.cairn.persistence.store;

/**
 * A run's running summary of older turns.
 *
 * @param seq the checkpoint that made it
 * @param fromIdx first message index covered
 * @param toIdx last message index covered
 * @param text the summary
 * @param assistantTurns how many covered messages are the model's answers
 */
public record SummaryRow(int seq, int fromIdx, int toIdx, String text, int assistantTurns) {}
