package dev.cairn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import dev.cairn.testing.FakeProviderServer.ProviderCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Mistral's chat completions ({@code POST /v1/chat/completions}), OpenAI-like with tool calls. */
public final class FakeMistralServer implements FakeProviderServer.Dialect {
  private FakeMistralServer() {}

  /**
   * Starts a fake Mistral server; its {@code baseUrl()} ends in {@code /v1}.
   *
   * @param responder decides the answers
   * @return the server
   */
  public static FakeProviderServer start(FakeProviderServer.Responder responder) {
    return FakeProviderServer.start(new FakeMistralServer(), responder);
  }

  @Override
  public String name() {
    return "mistral";
  }

  @Override
  public String basePath() {
    return "/v1";
  }

  @Override
  public boolean handles(String path) {
    return path.endsWith("/chat/completions");
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
    body.put("id", "cmpl-" + ids.incrementAndGet());
    body.put("object", "chat.completion");
    body.put("created", 1_700_000_000L);
    body.put("model", model(call));
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    switch (reply) {
      case Reply.Text text -> {
        message.put("content", text.content());
        choice.put("finish_reason", "stop");
      }
      case Reply.ToolCalls tools -> {
        message.put("content", "");
        ArrayNode array = message.putArray("tool_calls");
        for (Reply.FunctionCall fn : tools.calls()) {
          ObjectNode tc = array.addObject();
          tc.put("id", "mc" + ids.incrementAndGet());
          tc.put("type", "function");
          tc.putObject("function").put("name", fn.name()).put("arguments", fn.argumentsJson());
        }
        choice.put("finish_reason", "tool_calls");
      }
    }
    int prompt = PromptTokens.of(PromptTokens.text(call.body().path("messages")));
    body.putObject("usage")
        .put("prompt_tokens", prompt)
        .put("completion_tokens", 5)
        .put("total_tokens", prompt + 5);
    return body;
  }
}
