package dev.cairn.runtime.model;

import dev.cairn.testing.FakeOpenAiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a fake OpenAI-compatible server before Quarkus boots and points the runtime at it. Each
 * test registers the answers for its own run input, so tests sharing the server never interfere.
 */
public class FakeOpenAiResource implements QuarkusTestResourceLifecycleManager {
  static final Map<String, FakeOpenAiServer.Responder> BY_INPUT = new ConcurrentHashMap<>();
  static FakeOpenAiServer server;

  @Override
  public Map<String, String> start() {
    server =
        FakeOpenAiServer.start(
            call -> {
              FakeOpenAiServer.Responder responder = BY_INPUT.get(call.firstUserText());
              return responder == null
                  ? FakeOpenAiServer.Reply.text("no script for this input")
                  : responder.reply(call);
            });
    return Map.of(
        "cairn.openai.base-url", server.baseUrl(),
        "cairn.openai.api-key", "test-key",
        "cairn.openai.timeout", "3s");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
