package dev.cairn.runtime.control;

import dev.cairn.runtime.engine.ModelPrice;
import dev.cairn.runtime.engine.ModelPrices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What model calls cost: prices per million tokens by provider and model, in one currency. Costs
 * are in micros (millionths of the currency), rounded up, so a budget never undercounts; a model
 * without a price costs nothing.
 */
public final class PriceTable implements ModelPrices {
  /** An empty table: every call is free. */
  public static final PriceTable EMPTY = new PriceTable(List.of());

  private final Map<String, Entry> entries = new HashMap<>();

  /**
   * The price of one model, per million tokens.
   *
   * @param provider the provider, e.g. {@code openai}
   * @param model the model, e.g. {@code gpt-4o}
   * @param input per million prompt tokens not served from cache
   * @param cachedInput per million prompt tokens served from cache
   * @param output per million completion tokens
   */
  public record Entry(
      String provider, String model, BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
    /**
     * Checks the prices.
     *
     * @param provider the provider
     * @param model the model
     * @param input input price
     * @param cachedInput cached input price
     * @param output output price
     */
    public Entry {
      for (BigDecimal price : new BigDecimal[] {input, cachedInput, output}) {
        if (price == null || price.signum() < 0) {
          throw new IllegalArgumentException(
              "prices of " + provider + "/" + model + " must be set and not negative");
        }
      }
    }
  }

  /**
   * Creates a table.
   *
   * @param entries one entry per provider and model
   */
  public PriceTable(List<Entry> entries) {
    for (Entry e : entries) {
      if (this.entries.put(key(e.provider(), e.model()), e) != null) {
        throw new IllegalArgumentException("two prices for " + e.provider() + "/" + e.model());
      }
    }
  }

  /**
   * The cost of one model call, in micros, rounded up.
   *
   * @param provider the provider
   * @param model the model
   * @param inputTokens prompt tokens, cached ones included
   * @param cachedInputTokens prompt tokens served from the provider's cache
   * @param outputTokens completion tokens
   * @return the cost in micros; 0 for a model without a price
   */
  public long costMicros(
      String provider, String model, long inputTokens, long cachedInputTokens, long outputTokens) {
    Entry e = entries.get(key(provider, model));
    if (e == null) {
      return 0;
    }
    long cached = Math.clamp(cachedInputTokens, 0, Math.max(inputTokens, 0));
    long uncached = Math.max(inputTokens, 0) - cached;
    // tokens x price per million tokens = millionths of the currency, i.e. micros
    BigDecimal micros =
        e.input()
            .multiply(BigDecimal.valueOf(uncached))
            .add(e.cachedInput().multiply(BigDecimal.valueOf(cached)))
            .add(e.output().multiply(BigDecimal.valueOf(Math.max(outputTokens, 0))));
    return micros.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * The engine's view of a model's prices (free when the table has none).
   *
   * @param provider the provider
   * @param model the model
   * @return the prices per million tokens
   */
  @Override
  public ModelPrice priceOf(String provider, String model) {
    Entry e = entries.get(key(provider, model));
    return e == null
        ? ModelPrice.FREE
        : new ModelPrice(
            e.input().doubleValue(), e.cachedInput().doubleValue(), e.output().doubleValue());
  }

  /**
   * Whether the table prices a model.
   *
   * @param provider the provider
   * @param model the model
   * @return true if it has a price
   */
  public boolean prices(String provider, String model) {
    return entries.containsKey(key(provider, model));
  }

  private static String key(String provider, String model) {
    return provider + "/" + model;
  }
}
