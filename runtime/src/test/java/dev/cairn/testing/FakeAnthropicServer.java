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
 * Anthropic's Messages API ({@code POST /v1/messages}): text and {@code tool_use} answers, and
 * usage with {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} computed the
 * way Anthropic caches at {@code cache_control} markers ({@link MarkerPromptCache}).
 */
public final class FakeAnthropicServer implements FakeProviderServer.Dialect {
  private final MarkerPromptCache cache = new MarkerPromptCache();

  private FakeAnthropicServer() {}

  /**
   * Starts a fake Anthropic server; its {@code baseUrl()} ends in {@code /v1/}.
   *
   * @param responder decides the answers
   * @return the server
   */
  public static FakeProviderServer start(FakeProviderServer.Responder responder) {
    return FakeProviderServer.start(new FakeAnthropicServer(), responder);
  }

  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public String basePath() {
    return "/v1/";
  }

  @Override
  public boolean handles(String path) {
    return path.endsWith("/messages");
  }

  @Override
  public String model(ProviderCall call) {
    return call.body().path("model").asText(null);
  }

  @Override
  public String firstUserText(JsonNode body) {
    for (JsonNode message : body.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
          return content.asText();
        }
        for (JsonNode block : content) {
          if ("text".equals(block.path("type").asText())) {
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
        if ("tool_result".equals(block.path("type").asText())) {
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public List<String> toolNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  /**
   * The prompt as Anthropic reads it for caching: tools, then system blocks, then message blocks.
   *
   * @param body the request
   * @return the blocks
   */
  static List<MarkerPromptCache.Block> blocks(JsonNode body) {
    List<MarkerPromptCache.Block> blocks = new ArrayList<>();
    body.path("tools").forEach(t -> blocks.add(block(t)));
    JsonNode system = body.path("system");
    if (system.isTextual()) {
      blocks.add(new MarkerPromptCache.Block(system.asText(), false));
    } else {
      system.forEach(b -> blocks.add(block(b)));
    }
    for (JsonNode message : body.path("messages")) {
      JsonNode content = message.path("content");
      String role = message.path("role").asText() + ":";
      if (content.isTextual()) {
        blocks.add(new MarkerPromptCache.Block(role + content.asText(), false));
      } else {
        content.forEach(
            b ->
                blocks.add(
                    new MarkerPromptCache.Block(
                        role + PromptTokens.text(b), b.hasNonNull("cache_control"))));
      }
    }
    return blocks;
  }

  private static MarkerPromptCache.Block block(JsonNode node) {
    return new MarkerPromptCache.Block(PromptTokens.text(node), node.hasNonNull("cache_control"));
  }

  @Override
  public ObjectNode answer(ProviderCall call, Reply reply, AtomicInteger ids) {
    ObjectNode body = FakeProviderServer.JSON.createObjectNode();
    body.put("id", "msg_" + ids.incrementAndGet());
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", model(call));
    ArrayNode content = body.putArray("content");
    switch (reply) {
      case Reply.Text text -> {
        content.addObject().put("type", "text").put("text", text.content());
        body.put("stop_reason", "end_turn");
      }
      case Reply.ToolCalls tools -> {
        for (Reply.FunctionCall fn : tools.calls()) {
          ObjectNode use = content.addObject();
          use.put("type", "tool_use");
          use.put("id", "toolu_" + ids.incrementAndGet());
          use.put("name", fn.name());
          use.set("input", read(fn.argumentsJson()));
        }
        body.put("stop_reason", "tool_use");
      }
    }
    MarkerPromptCache.Usage usage = cache.use(blocks(call.body()));
    ObjectNode u = body.putObject("usage");
    u.put("input_tokens", usage.inputTokens());
    u.put("cache_creation_input_tokens", usage.cacheCreationTokens());
    u.put("cache_read_input_tokens", usage.cacheReadTokens());
    u.put("output_tokens", 5);
    return body;
  }

  static JsonNode read(String json) {
    try {
      return FakeProviderServer.JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("arguments are not JSON", e);
    }
  }
}
