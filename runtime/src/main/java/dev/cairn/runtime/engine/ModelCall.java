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
    String route) {}
