package dev.cairn.runtime.engine;

/**
 * The running summary of a run's older turns, made by a checkpointed model call. The turns it
 * covers stay stored for auditors; the model sees this text instead of them.
 *
 * @param seq the checkpoint that made it
 * @param fromIdx the first message index it covers (the first message after the run's input)
 * @param toIdx the last message index it covers
 * @param text the summary
 * @param assistantTurns how many of the messages it covers are the model's answers
 */
public record ConversationSummary(
    int seq, int fromIdx, int toIdx, String text, int assistantTurns) {}
