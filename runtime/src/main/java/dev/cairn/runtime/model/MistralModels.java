package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.mistralai.MistralAiChatModel;

/** Builds Mistral AI chat models. */
final class MistralModels {
  private MistralModels() {}

  static ChatModel build(
      AgentSpec.ModelSpec spec, ProviderEndpoint endpoint, HttpClientBuilder http) {
    MistralAiChatModel.MistralAiChatModelBuilder builder =
        MistralAiChatModel.builder()
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
