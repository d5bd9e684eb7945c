package dev.cairn.runtime.audit.replay;

/**
 * Where a replay first differs from the record.
 *
 * @param seq the checkpoint
 * @param field what differs (e.g. {@code decision.type}, {@code stateAfter.costMicros})
 * @param recorded the recorded value, bounded
 * @param replayed the replayed value, bounded
 */
public record Divergence(int seq, String field, String recorded, String replayed) {
  /** Longest value text kept. */
  static final int MAX_TEXT = 500;

  /**
   * A divergence with its values cut to {@value #MAX_TEXT} characters.
   *
   * @param seq the checkpoint
   * @param field what differs
   * @param recorded recorded value
   * @param replayed replayed value
   * @return the divergence
   */
  static Divergence of(int seq, String field, String recorded, String replayed) {
    return new Divergence(seq, field, bound(recorded), bound(replayed));
  }

  /**
   * Text cut to {@value #MAX_TEXT} characters.
   *
   * @param text text or null
   * @return bounded text or null
   */
  static String bound(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT) + "…";
  }
}
