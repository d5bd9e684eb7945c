package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.bedrock.BedrockTokenUsage;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.mistralai.MistralAiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building each provider's model (no network), and reading each provider's usage. */
class ChatModelFactoryTest {
  private static final ChatModelFactory FACTORY =
      new ChatModelFactory(
          () -> RetryAfterHttpClient.builder(Duration.ofHours(1), Clock.systemUTC()));
  private static final ProviderEndpoint ENDPOINT =
      new ProviderEndpoint(
          "https://example.invalid/v1",
          "key-123",
          "secret-456",
          "eu-west-1",
          Duration.ofSeconds(5));

  private static AgentSpec.ModelSpec spec(String provider) {
    return new AgentSpec.ModelSpec(provider, "m-1", 0.2, List.of(), null);
  }

  @Test
  void shouldBuildEveryRemoteProvidersModel() {
    assertThat(FACTORY.build(spec("openai"), ENDPOINT)).isInstanceOf(OpenAiChatModel.class);
    assertThat(FACTORY.build(spec("openai-compatible"), ENDPOINT))
        .isInstanceOf(OpenAiChatModel.class);
    assertThat(FACTORY.build(spec("anthropic"), ENDPOINT)).isInstanceOf(AnthropicChatModel.class);
    assertThat(FACTORY.build(spec("gemini"), ENDPOINT)).isInstanceOf(GoogleAiGeminiChatModel.class);
    assertThat(FACTORY.build(spec("ollama"), ENDPOINT)).isInstanceOf(OllamaChatModel.class);
    assertThat(FACTORY.build(spec("mistral"), ENDPOINT)).isInstanceOf(MistralAiChatModel.class);
    assertThat(FACTORY.build(spec("bedrock"), ENDPOINT)).isInstanceOf(BedrockChatModel.class);
    assertThat(FACTORY.build(spec("azure-openai"), ENDPOINT))
        .isInstanceOf(AzureOpenAiChatModel.class);
  }

  @Test
  void shouldRefuseAnUnknownProviderAndAMissingEndpoint() {
    assertThatThrownBy(() -> FACTORY.build(spec("watsonx"), ENDPOINT))
        .isInstanceOf(IllegalArgumentException.class);
    ProviderEndpoint none = new ProviderEndpoint(null, "k", null, null, Duration.ofSeconds(5));
    assertThatThrownBy(() -> FACTORY.build(spec("azure-openai"), none))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FACTORY.build(spec("openai-compatible"), none))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNameNoSecretInAnEndpointsText() {
    assertThat(ENDPOINT.toString()).doesNotContain("key-123").doesNotContain("secret-456");
  }

  @Test
  void shouldCountAnthropicAndBedrockCacheReadsAndWritesAsInputTokens() {
    TokenUsages.Usage anthropic =
        TokenUsages.of(
            AnthropicTokenUsage.builder()
                .inputTokenCount(100)
                .outputTokenCount(7)
                .cacheReadInputTokens(2000)
                .cacheCreationInputTokens(300)
                .build());
    assertThat(anthropic).isEqualTo(new TokenUsages.Usage(2400, 7, 2000, 300));
    TokenUsages.Usage bedrock =
        TokenUsages.of(
            BedrockTokenUsage.builder()
                .inputTokenCount(50)
                .outputTokenCount(3)
                .cacheReadInputTokens(1000)
                .cacheWriteInputTokens(0)
                .build());
    assertThat(bedrock).isEqualTo(new TokenUsages.Usage(1050, 3, 1000, 0));
  }

  @Test
  void shouldReadOpenAiCachedTokensWithinItsPromptTokens() {
    TokenUsages.Usage openAi =
        TokenUsages.of(
            OpenAiTokenUsage.builder()
                .inputTokenCount(1500)
                .outputTokenCount(9)
                .inputTokensDetails(
                    OpenAiTokenUsage.InputTokensDetails.builder().cachedTokens(1280).build())
                .build());
    assertThat(openAi).isEqualTo(new TokenUsages.Usage(1500, 9, 1280, 0));
    assertThat(TokenUsages.of(new TokenUsage(10, 2))).isEqualTo(new TokenUsages.Usage(10, 2, 0, 0));
    assertThat(TokenUsages.of(null)).isEqualTo(new TokenUsages.Usage(0, 0, 0, 0));
  }
}
