package dev.cairn.runtime.engine;

/**
 * Prices of one provider's model per million tokens, in the price table's currency; the cost of one
 * token in millionths of that currency is then the per-million price itself.
 *
 * @param inputPerMillion prompt tokens
 * @param cachedInputPerMillion prompt tokens served from the provider's cache
 * @param outputPerMillion completion tokens
 */
public record ModelPrice(
    double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {
  /** A model without a configured price costs nothing. */
  public static final ModelPrice FREE = new ModelPrice(0, 0, 0);

  /**
   * Cost in millionths of the currency, rounded up.
   *
   * @param inputTokens prompt tokens (cached ones included)
   * @param cachedInputTokens the cached part of the prompt tokens
   * @param outputTokens completion tokens
   * @return the cost
   */
  public long costMicros(long inputTokens, long cachedInputTokens, long outputTokens) {
    long cached = Math.min(Math.max(cachedInputTokens, 0), inputTokens);
    double cost =
        (inputTokens - cached) * inputPerMillion
            + cached * cachedInputPerMillion
            + outputTokens * outputPerMillion;
    return (long) Math.ceil(cost - 1e-9);
  }
}
