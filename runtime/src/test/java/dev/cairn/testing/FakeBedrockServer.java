package dev.cairn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import dev.cairn.testing.FakeProviderServer.ProviderCall;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Amazon Bedrock's Converse API ({@code POST /model/{modelId}/converse}), reached through the AWS
 * SDK's endpoint override: {@code toolUse} answers and usage in Converse's shape.
 */
public final class FakeBedrockServer implements FakeProviderServer.Dialect {
  private static final String SUFFIX = "/converse";

  private FakeBedrockServer() {}

  /**
   * Starts a fake Bedrock runtime; its {@code baseUrl()} is the bare host and port.
   *
   * @param responder decides the answers
   * @return the server
   */
  public static FakeProviderServer start(FakeProviderServer.Responder responder) {
    return FakeProviderServer.start(new FakeBedrockServer(), responder);
  }

  @Override
  public String name() {
    return "bedrock";
  }

  @Override
  public String basePath() {
    return "";
  }

  @Override
  public boolean handles(String path) {
    return path.startsWith("/model/") && path.endsWith(SUFFIX);
  }

  @Override
  public String model(ProviderCall call) {
    String path = call.path();
    return URLDecoder.decode(
        path.substring("/model/".length(), path.length() - SUFFIX.length()),
        StandardCharsets.UTF_8);
  }

  @Override
  public String firstUserText(JsonNode body) {
    for (JsonNode message : body.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        for (JsonNode block : message.path("content")) {
          if (block.has("text")) {
            return block.path("text").asText();
          }
        }
      }
    }
    return null;
  }

  @Override
  public int toolResultCount(JsonNode body) {
    int n = 0;
    for (JsonNode message : body.path("messages")) {
      for (JsonNode block : message.path("content")) {
        if (block.has("toolResult")) {
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public List<String> toolNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.path("toolConfig")
        .path("tools")
        .forEach(t -> names.add(t.path("toolSpec").path("name").asText()));
    return names;
  }

  @Override
  public ObjectNode answer(ProviderCall call, Reply reply, AtomicInteger ids) {
    ObjectNode body = FakeProviderServer.JSON.createObjectNode();
    ObjectNode message = body.putObject("output").putObject("message");
    message.put("role", "assistant");
    ArrayNode content = message.putArray("content");
    switch (reply) {
      case Reply.Text text -> {
        content.addObject().put("text", text.content());
        body.put("stopReason", "end_turn");
      }
      case Reply.ToolCalls tools -> {
        for (Reply.FunctionCall fn : tools.calls()) {
          content
              .addObject()
              .putObject("toolUse")
              .put("toolUseId", "tooluse_" + ids.incrementAndGet())
              .put("name", fn.name())
              .set("input", FakeAnthropicServer.read(fn.argumentsJson()));
        }
        body.put("stopReason", "tool_use");
      }
    }
    int prompt = PromptTokens.of(PromptTokens.text(call.body().path("messages")));
    body.putObject("usage")
        .put("inputTokens", prompt)
        .put("outputTokens", 5)
        .put("totalTokens", prompt + 5);
    body.putObject("metrics").put("latencyMs", 1);
    return body;
  }

  @Override
  public ObjectNode error(int status) {
    ObjectNode body = FakeProviderServer.JSON.createObjectNode();
    body.put("message", "injected fault " + status);
    return body;
  }
}
