package dev.cairn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import dev.cairn.testing.FakeProviderServer.ProviderCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ollama's chat API ({@code POST /api/chat}, not streamed): tool calls with arguments as objects,
 * usage as {@code prompt_eval_count} and {@code eval_count}.
 */
public final class FakeOllamaServer implements FakeProviderServer.Dialect {
  private FakeOllamaServer() {}

  /**
   * Starts a fake Ollama server; its {@code baseUrl()} is the bare host and port.
   *
   * @param responder decides the answers
   * @return the server
   */
  public static FakeProviderServer start(FakeProviderServer.Responder responder) {
    return FakeProviderServer.start(new FakeOllamaServer(), responder);
  }

  @Override
  public String name() {
    return "ollama";
  }

  @Override
  public String basePath() {
    return "";
  }

  @Override
  public boolean handles(String path) {
    return path.endsWith("/api/chat");
  }

  @Override
  public String model(ProviderCall call) {
    return call.body().path("model").asText(null);
  }

  @Override
  public String firstUserText(JsonNode body) {
    return ChatMessages.firstUserText(body.path("messages"));
  }

  @Override
  public int toolResultCount(JsonNode body) {
    return ChatMessages.count(body.path("messages"), "tool");
  }

  @Override
  public List<String> toolNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.path("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
    return names;
  }

  @Override
  public ObjectNode answer(ProviderCall call, Reply reply, AtomicInteger ids) {
    ObjectNode body = FakeProviderServer.JSON.createObjectNode();
    body.put("model", model(call));
    body.put("created_at", "2026-12-04T00:00:00Z");
    ObjectNode message = body.putObject("message");
    message.put("role", "assistant");
    switch (reply) {
      case Reply.Text text -> message.put("content", text.content());
      case Reply.ToolCalls tools -> {
        message.put("content", "");
        ArrayNode array = message.putArray("tool_calls");
        for (Reply.FunctionCall fn : tools.calls()) {
          array
              .addObject()
              .putObject("function")
              .put("name", fn.name())
              .set("arguments", FakeAnthropicServer.read(fn.argumentsJson()));
        }
      }
    }
    body.put("done", true);
    body.put("done_reason", "stop");
    body.put("prompt_eval_count", PromptTokens.of(PromptTokens.text(call.body().path("messages"))));
    body.put("eval_count", 5);
    return body;
  }
}
