package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;

/** Builds chat models of an Ollama server ({@code http://localhost:11434} unless configured). */
final class OllamaModels {
  private static final String LOCAL = "http://localhost:11434";

  private OllamaModels() {}

  static ChatModel build(
      AgentSpec.ModelSpec spec, ProviderEndpoint endpoint, HttpClientBuilder http) {
    OllamaChatModel.OllamaChatModelBuilder builder =
        OllamaChatModel.builder()
            .baseUrl(endpoint.baseUrl() == null ? LOCAL : endpoint.baseUrl())
            .modelName(spec.name())
            .timeout(endpoint.timeout())
            .httpClientBuilder(http)
            .maxRetries(0);
    if (spec.temperature() != null) {
      builder.temperature(spec.temperature());
    }
    return builder.build();
  }
}
