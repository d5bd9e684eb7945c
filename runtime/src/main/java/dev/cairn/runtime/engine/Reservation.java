package dev.cairn.runtime.engine;

/**
 * Model budget held for a call: calls, tokens and cost (millionths of the price table's currency).
 *
 * @param calls model calls
 * @param tokens tokens
 * @param costMicros cost
 */
public record Reservation(int calls, long tokens, long costMicros) {
  /** Nothing reserved. */
  public static final Reservation NONE = new Reservation(0, 0, 0);

  /**
   * Calls, tokens and cost, in that order, for the store.
   *
   * @return the three amounts
   */
  public long[] asArray() {
    return new long[] {calls, tokens, costMicros};
  }
}
