package dev.cairn.runtime.engine;

/**
 * The text a run keeps in front of the model on every call (facts pinned for the agent), placed
 * right after the system prompt in the stable prefix of the prompt. Read when a call is built; the
 * context builder cuts it to its share of the window.
 */
@FunctionalInterface
public interface PinnedMemory {
  /** No pinned memory. */
  PinnedMemory NONE = run -> "";

  /**
   * The pinned text for a run's next call; the same text on every call while it does not change, so
   * the prompt's prefix stays cacheable.
   *
   * @param run the run
   * @return the text, empty for none
   */
  String textFor(RunSnapshot run);
}
