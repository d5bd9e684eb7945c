package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import java.util.function.Supplier;

/**
 * Turns a remote model's spec and endpoint into a LangChain4j chat model, one builder per provider.
 * Every model retries nothing (the engine owns retries), and where the provider's module takes an
 * HTTP client, it gets {@link RetryAfterHttpClient}, which keeps the provider's Retry-After.
 */
final class ChatModelFactory {
  private final Supplier<HttpClientBuilder> http;

  /**
   * Creates the factory.
   *
   * @param http makes the HTTP client builder of each new model
   */
  ChatModelFactory(Supplier<HttpClientBuilder> http) {
    this.http = http;
  }

  /**
   * A new chat model.
   *
   * @param spec the model
   * @param endpoint where and with which keys it is called
   * @return the chat model
   * @throws IllegalArgumentException for an unknown provider or a missing endpoint
   */
  ChatModel build(AgentSpec.ModelSpec spec, ProviderEndpoint endpoint) {
    return switch (spec.provider()) {
      case ModelProviders.OPENAI, ModelProviders.OPENAI_COMPATIBLE ->
          OpenAiModels.build(spec, endpoint, http.get());
      case ModelProviders.ANTHROPIC -> AnthropicModels.build(spec, endpoint, http.get());
      case ModelProviders.GEMINI -> GeminiModels.build(spec, endpoint, http.get());
      case ModelProviders.OLLAMA -> OllamaModels.build(spec, endpoint, http.get());
      case ModelProviders.MISTRAL -> MistralModels.build(spec, endpoint, http.get());
      case ModelProviders.BEDROCK -> BedrockModels.build(spec, endpoint);
      case ModelProviders.AZURE_OPENAI -> AzureOpenAiModels.build(spec, endpoint);
      default -> throw new IllegalArgumentException("unknown provider " + spec.provider());
    };
  }
}
