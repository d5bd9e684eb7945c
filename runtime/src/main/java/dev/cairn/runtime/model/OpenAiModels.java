package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** Builds chat models of {@code openai} and {@code openai-compatible}. */
final class OpenAiModels {
  private OpenAiModels() {}

  static ChatModel build(
      AgentSpec.ModelSpec spec, ProviderEndpoint endpoint, HttpClientBuilder http) {
    if (endpoint.baseUrl() == null) {
      throw new IllegalArgumentException(
          "provider " + spec.provider() + " has no base URL configured");
    }
    OpenAiChatModel.OpenAiChatModelBuilder builder =
        OpenAiChatModel.builder()
            .baseUrl(endpoint.baseUrl())
            // Local OpenAI-compatible servers often take no key; the client insists on one.
            .apiKey(endpoint.apiKey() == null ? "not-set" : endpoint.apiKey())
            .modelName(spec.name())
            .timeout(endpoint.timeout())
            .httpClientBuilder(http)
            .maxRetries(0)
            // Only requests of runs with a result schema carry one, converted to be strict-safe.
            .strictJsonSchema(true);
    if (spec.temperature() != null) {
      builder.temperature(spec.temperature());
    }
    return builder.build();
  }
}
