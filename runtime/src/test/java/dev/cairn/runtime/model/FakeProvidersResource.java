package dev.cairn.runtime.model;

import dev.cairn.testing.FakeAnthropicServer;
import dev.cairn.testing.FakeBedrockServer;
import dev.cairn.testing.FakeGeminiServer;
import dev.cairn.testing.FakeMistralServer;
import dev.cairn.testing.FakeOllamaServer;
import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeProviderServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Starts one fake server per provider before Quarkus boots and points each provider's default
 * settings ({@code cairn.providers.<provider>.*}) at it; the OpenAI fake counts tokens by text and
 * caches prefixes the way OpenAI does, and also serves the {@code openai-compatible} provider
 * through the named credential {@code local-llm}. Tests register answers by run input.
 */
public class FakeProvidersResource implements QuarkusTestResourceLifecycleManager {
  /** Answers by the run's input text, for every fake, given the tool results already shown. */
  static final Map<String, IntFunction<FakeOpenAiServer.Reply>> BY_INPUT =
      new ConcurrentHashMap<>();

  static final String ANTHROPIC_KEY = "sk-ant-" + UUID.randomUUID();
  static final String GEMINI_KEY = "gemini-" + UUID.randomUUID();
  static final String MISTRAL_KEY = "mistral-" + UUID.randomUUID();
  static final String OPENAI_KEY = "sk-openai-" + UUID.randomUUID();
  static final String LOCAL_KEY = "sk-local-" + UUID.randomUUID();
  static final String AWS_ACCESS_KEY = "AKIAFAKE" + UUID.randomUUID().toString().substring(0, 8);
  static final String AWS_SECRET = "aws-secret-" + UUID.randomUUID();

  static FakeProviderServer anthropic;
  static FakeProviderServer gemini;
  static FakeProviderServer ollama;
  static FakeProviderServer mistral;
  static FakeProviderServer bedrock;
  static FakeOpenAiServer openAi;

  private static FakeOpenAiServer.Reply reply(String input, int toolResults) {
    IntFunction<FakeOpenAiServer.Reply> script = BY_INPUT.get(input);
    return script == null
        ? FakeOpenAiServer.Reply.text("no script for this input")
        : script.apply(toolResults);
  }

  private static FakeOpenAiServer.Reply reply(FakeProviderServer.ProviderCall call) {
    return reply(call.firstUserText(), call.toolResultCount());
  }

  @Override
  public Map<String, String> start() {
    anthropic = FakeAnthropicServer.start(FakeProvidersResource::reply);
    gemini = FakeGeminiServer.start(FakeProvidersResource::reply);
    ollama = FakeOllamaServer.start(FakeProvidersResource::reply);
    mistral = FakeMistralServer.start(FakeProvidersResource::reply);
    bedrock = FakeBedrockServer.start(FakeProvidersResource::reply);
    openAi =
        FakeOpenAiServer.start(
            call -> reply(call.firstUserText(), call.toolResultCount()),
            FakeOpenAiServer.TokenCounting.ESTIMATED);
    Map<String, String> config = new HashMap<>();
    config.put("cairn.openai.base-url", openAi.baseUrl());
    config.put("cairn.openai.api-key", OPENAI_KEY);
    config.put("cairn.openai.timeout", "5s");
    config.put("cairn.credentials.local-llm.base-url", openAi.baseUrl());
    config.put("cairn.credentials.local-llm.api-key", LOCAL_KEY);
    config.put("cairn.providers.anthropic.base-url", anthropic.baseUrl());
    config.put("cairn.providers.anthropic.api-key", ANTHROPIC_KEY);
    config.put("cairn.providers.gemini.base-url", gemini.baseUrl());
    config.put("cairn.providers.gemini.api-key", GEMINI_KEY);
    config.put("cairn.providers.ollama.base-url", ollama.baseUrl());
    config.put("cairn.providers.mistral.base-url", mistral.baseUrl());
    config.put("cairn.providers.mistral.api-key", MISTRAL_KEY);
    config.put("cairn.providers.bedrock.base-url", bedrock.baseUrl());
    config.put("cairn.providers.bedrock.region", "eu-west-1");
    config.put("cairn.providers.bedrock.api-key", AWS_ACCESS_KEY);
    config.put("cairn.providers.bedrock.secret-key", AWS_SECRET);
    // Anthropic-like prices per million tokens: cached reads at a tenth of the input price.
    config.put("cairn.prices.claude.provider", "anthropic");
    config.put("cairn.prices.claude.model", "claude-fake");
    config.put("cairn.prices.claude.input", "3");
    config.put("cairn.prices.claude.cached-input", "0.3");
    config.put("cairn.prices.claude.output", "15");
    config.put("cairn.prices.gpt.provider", "openai");
    config.put("cairn.prices.gpt.model", "gpt-fake");
    config.put("cairn.prices.gpt.input", "2.5");
    config.put("cairn.prices.gpt.cached-input", "1.25");
    config.put("cairn.prices.gpt.output", "10");
    return config;
  }

  @Override
  public void stop() {
    for (AutoCloseable server : new AutoCloseable[] {anthropic, gemini, ollama, mistral, bedrock}) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (Exception e) {
        // closing a test server cannot fail in a way the tests care about
      }
    }
    if (openAi != null) {
      openAi.close();
    }
  }
}
