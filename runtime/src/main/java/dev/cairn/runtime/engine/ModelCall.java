package dev.cairn.runtime.engine;

/**
 * Who answered a model call and what it used beyond the plain token counts: recorded with the
 * checkpoint so usage and cost can be traced to the model that actually answered (a fallback or an
 * A/B variant may differ from the definition's first model).
 *
 * @param provider the provider that answered, e.g. {@code anthropic}
 * @param model the model that answered
 * @param cachedInputTokens prompt tokens served from the provider's cache (OpenAI cached tokens,
 *     Anthropic cache reads); part of the answer's input tokens
 * @param cacheWriteTokens prompt tokens written to the provider's cache (Anthropic cache creation);
 *     part of the answer's input tokens
 * @param latencyMillis wall time of the call, in milliseconds
 * @param price the answering model's price, or null to charge the run's own model price
 * @param route how the model was chosen: {@code primary}, {@code fallback:N} or {@code
 *     variant:NAME}, or null when the definition names one model
 */
public record ModelCall(
    String provider,
    String model,
    int cachedInputTokens,
    int cacheWriteTokens,
    long latencyMillis,
    ModelPrice price,
    String route) {

  /**
   * What one answer costs, in millionths of the price table's currency: at the answering model's
   * price when the call names one, else at the run's, with cached prompt tokens at the cached
   * price.
   *
   * @param answer the answer
   * @param runPrice the price of the run's own model
   * @return the cost, rounded up
   */
  public static long costMicros(StepOutcome.ModelAnswer answer, ModelPrice runPrice) {
    ModelCall call = answer.call();
    ModelPrice price = call == null || call.price() == null ? runPrice : call.price();
    int cached = call == null ? 0 : call.cachedInputTokens();
    return price.costMicros(answer.inputTokens(), cached, answer.outputTokens());
  }

  /**
   * The call as its checkpoint records it (and replay reads it back with {@link #fromJson}).
   *
   * @return a JSON object
   */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    var node = Json.object();
    node.put("provider", provider);
    node.put("model", model);
    node.put("cachedInputTokens", cachedInputTokens);
    node.put("cacheWriteTokens", cacheWriteTokens);
    node.put("latencyMillis", latencyMillis);
    if (route != null) {
      node.put("route", route);
    }
    if (price != null) {
      node.putObject("price")
          .put("inputPerMillion", price.inputPerMillion())
          .put("cachedInputPerMillion", price.cachedInputPerMillion())
          .put("outputPerMillion", price.outputPerMillion());
    }
    return node;
  }

  /**
   * Reads a call recorded by {@link #toJson}.
   *
   * @param node the recorded object, or a missing/null node
   * @return the call, or null when none was recorded
   */
  public static ModelCall fromJson(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    var p = node.path("price");
    ModelPrice price =
        p.isObject()
            ? new ModelPrice(
                p.path("inputPerMillion").asDouble(),
                p.path("cachedInputPerMillion").asDouble(),
                p.path("outputPerMillion").asDouble())
            : null;
    return new ModelCall(
        node.path("provider").asText(null),
        node.path("model").asText(null),
        node.path("cachedInputTokens").asInt(),
        node.path("cacheWriteTokens").asInt(),
        node.path("latencyMillis").asLong(),
        price,
        node.path("route").asText(null));
  }
}
