package dev.cairn.persistence.store;

/**
 * How far the pruning of one run has come: the last checkpoint seq, message idx and tool call seq
 * handled (keyset positions, so each batch starts where the last one ended).
 *
 * @param checkpointSeq last checkpoint seq handled
 * @param messageIdx last message idx handled
 * @param toolSeq last tool invocation seq handled
 */
public record PruneProgress(int checkpointSeq, int messageIdx, int toolSeq) {
  /** Nothing handled yet. */
  public static final PruneProgress START = new PruneProgress(0, -1, 0);
}
