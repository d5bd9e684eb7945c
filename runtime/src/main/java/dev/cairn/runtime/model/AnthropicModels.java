package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;

/**
 * Builds Anthropic chat models that mark the stable prefix for prompt caching: the tool definitions
 * and the system blocks (system prompt, pinned memory, running summary) carry cache-control
 * markers, and {@link PromptCaching} marks the run's input message, so every step of a run reads
 * that prefix from Anthropic's cache instead of paying for it again.
 */
final class AnthropicModels {
  private AnthropicModels() {}

  static ChatModel build(
      AgentSpec.ModelSpec spec, ProviderEndpoint endpoint, HttpClientBuilder http) {
    AnthropicChatModel.AnthropicChatModelBuilder builder =
        AnthropicChatModel.builder()
            .apiKey(endpoint.apiKey() == null ? "not-set" : endpoint.apiKey())
            .modelName(spec.name())
            .timeout(endpoint.timeout())
            .httpClientBuilder(http)
            .cacheSystemMessages(true)
            .cacheTools(true)
            .maxRetries(0);
    if (endpoint.baseUrl() != null) {
      builder.baseUrl(endpoint.baseUrl());
    }
    if (spec.temperature() != null) {
      builder.temperature(spec.temperature());
    }
    return builder.build();
  }
}
