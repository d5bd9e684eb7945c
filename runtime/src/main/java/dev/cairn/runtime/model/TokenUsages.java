package dev.cairn.runtime.model;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.bedrock.BedrockTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Reads a provider's token usage the same way for all: input tokens are every prompt token, whether
 * served from the cache, written to it or neither. OpenAI counts cached tokens inside its prompt
 * tokens; Anthropic and Bedrock count cache reads and writes apart from their input tokens, so
 * those are added, and budgets see every prompt token.
 */
final class TokenUsages {
  private TokenUsages() {}

  /**
   * One answer's usage.
   *
   * @param inputTokens every prompt token
   * @param outputTokens completion tokens
   * @param cachedInputTokens prompt tokens served from the provider's cache
   * @param cacheWriteTokens prompt tokens written to the provider's cache
   */
  record Usage(int inputTokens, int outputTokens, int cachedInputTokens, int cacheWriteTokens) {}

  static Usage of(TokenUsage usage) {
    if (usage == null) {
      return new Usage(0, 0, 0, 0);
    }
    int in = orZero(usage.inputTokenCount());
    int out = orZero(usage.outputTokenCount());
    return switch (usage) {
      case AnthropicTokenUsage a -> {
        int read = orZero(a.cacheReadInputTokens());
        int write = orZero(a.cacheCreationInputTokens());
        yield new Usage(in + read + write, out, read, write);
      }
      case BedrockTokenUsage b -> {
        int read = orZero(b.cacheReadInputTokens());
        int write = orZero(b.cacheWriteInputTokens());
        yield new Usage(in + read + write, out, read, write);
      }
      case OpenAiTokenUsage o -> {
        int cached =
            o.inputTokensDetails() == null ? 0 : orZero(o.inputTokensDetails().cachedTokens());
        yield new Usage(in, out, Math.min(cached, in), 0);
      }
      default -> new Usage(in, out, 0, 0);
    };
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
