package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import dev.langchain4j.model.chat.ChatModel;

/**
 * Builds Azure OpenAI chat models; the definition's model name is the deployment name. The Azure
 * SDK brings its own HTTP client, so Retry-After is read from its exceptions ({@link SdkErrors}).
 */
final class AzureOpenAiModels {
  private AzureOpenAiModels() {}

  static ChatModel build(AgentSpec.ModelSpec spec, ProviderEndpoint endpoint) {
    if (endpoint.baseUrl() == null) {
      throw new IllegalArgumentException("provider azure-openai has no endpoint configured");
    }
    AzureOpenAiChatModel.Builder builder =
        AzureOpenAiChatModel.builder()
            .endpoint(endpoint.baseUrl())
            .apiKey(endpoint.apiKey() == null ? "not-set" : endpoint.apiKey())
            .deploymentName(spec.name())
            .timeout(endpoint.timeout())
            .maxRetries(0);
    if (spec.temperature() != null) {
      builder.temperature(spec.temperature());
    }
    return builder.build();
  }
}
