package dev.cairn.runtime.engine;

/** What each provider's model charges; the engine's view of the price table. */
public interface ModelPrices {
  /**
   * The price of one model.
   *
   * @param provider the provider, e.g. {@code openai}
   * @param model the model
   * @return its price per million tokens; {@link ModelPrice#FREE} when none is configured
   */
  ModelPrice priceOf(String provider, String model);
}
