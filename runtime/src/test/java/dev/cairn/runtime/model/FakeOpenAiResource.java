package dev.cairn.runtime.model;

import dev.cairn.testing.FakeOpenAiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a fake OpenAI-compatible server before Quarkus boots and points the runtime at it. Each
 * test registers the answers for its own run input, so tests sharing the server never interfere.
 * Arguments of the resource ({@code initArgs}) are added to the configuration.
 */
public class FakeOpenAiResource implements QuarkusTestResourceLifecycleManager {
  static final Map<String, FakeOpenAiServer.Responder> BY_INPUT = new ConcurrentHashMap<>();
  static FakeOpenAiServer server;

  /** Answers summary calls (their first message is the summary instruction), when set. */
  static volatile FakeOpenAiServer.Responder summaries;

  /** The key of the named credential {@code team-a}, which must never be stored or logged. */
  static final String TEAM_A_KEY = "sk-team-a-" + java.util.UUID.randomUUID();

  private final Map<String, String> extraConfig = new java.util.HashMap<>();

  @Override
  public void init(Map<String, String> initArgs) {
    extraConfig.putAll(initArgs);
  }

  @Override
  public Map<String, String> start() {
    server =
        FakeOpenAiServer.start(
            call -> {
              FakeOpenAiServer.Responder summary = summaries;
              if (summary != null
                  && call.request()
                      .path("messages")
                      .path(0)
                      .path("content")
                      .asText("")
                      .startsWith(dev.cairn.runtime.memory.SummaryPrompt.INSTRUCTION)) {
                return summary.reply(call);
              }
              FakeOpenAiServer.Responder responder = BY_INPUT.get(call.firstUserText());
              return responder == null
                  ? FakeOpenAiServer.Reply.text("no script for this input")
                  : responder.reply(call);
            });
    Map<String, String> config = new java.util.HashMap<>(extraConfig);
    config.putAll(
        Map.of(
            "cairn.openai.base-url",
            server.baseUrl(),
            "cairn.openai.api-key",
            "test-key",
            "cairn.openai.timeout",
            "3s",
            "cairn.credentials.team-a.api-key",
            TEAM_A_KEY,
            "cairn.credentials.team-a.base-url",
            server.baseUrl()));
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
