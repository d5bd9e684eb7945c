package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;

/** Builds Google AI Gemini chat models. */
final class GeminiModels {
  private GeminiModels() {}

  static ChatModel build(
      AgentSpec.ModelSpec spec, ProviderEndpoint endpoint, HttpClientBuilder http) {
    GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder builder =
        GoogleAiGeminiChatModel.builder()
            .apiKey(endpoint.apiKey() == null ? "not-set" : endpoint.apiKey())
            .modelName(spec.name())
            .timeout(endpoint.timeout())
            .httpClientBuilder(http)
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
