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
 * Google AI Gemini's {@code POST /v1beta/models/{model}:generateContent}: function calls as parts,
 * usage as {@code usageMetadata}.
 */
public final class FakeGeminiServer implements FakeProviderServer.Dialect {
  private static final String SUFFIX = ":generateContent";

  private FakeGeminiServer() {}

  /**
   * Starts a fake Gemini server; its {@code baseUrl()} ends in {@code /v1beta}.
   *
   * @param responder decides the answers
   * @return the server
   */
  public static FakeProviderServer start(FakeProviderServer.Responder responder) {
    return FakeProviderServer.start(new FakeGeminiServer(), responder);
  }

  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public String basePath() {
    return "/v1beta";
  }

  @Override
  public boolean handles(String path) {
    return path.contains("/models/") && path.endsWith(SUFFIX);
  }

  @Override
  public String model(ProviderCall call) {
    String path = URLDecoder.decode(call.path(), StandardCharsets.UTF_8);
    return path.substring(path.lastIndexOf("/models/") + 8, path.length() - SUFFIX.length());
  }

  @Override
  public String firstUserText(JsonNode body) {
    for (JsonNode content : body.path("contents")) {
      if ("user".equals(content.path("role").asText())) {
        for (JsonNode part : content.path("parts")) {
          if (part.has("text")) {
            return part.path("text").asText();
          }
        }
      }
    }
    return null;
  }

  @Override
  public int toolResultCount(JsonNode body) {
    int n = 0;
    for (JsonNode content : body.path("contents")) {
      for (JsonNode part : content.path("parts")) {
        if (part.has("functionResponse")) {
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public List<String> toolNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    // LangChain4j sends one tool object; the API documents a list of them: read both.
    JsonNode tools = body.path("tools");
    for (JsonNode tool : tools.isArray() ? tools : List.of(tools)) {
      tool.path("functionDeclarations").forEach(f -> names.add(f.path("name").asText()));
    }
    return names;
  }

  @Override
  public ObjectNode answer(ProviderCall call, Reply reply, AtomicInteger ids) {
    ObjectNode body = FakeProviderServer.JSON.createObjectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.put("role", "model");
    ArrayNode parts = content.putArray("parts");
    switch (reply) {
      case Reply.Text text -> parts.addObject().put("text", text.content());
      case Reply.ToolCalls tools -> {
        for (Reply.FunctionCall fn : tools.calls()) {
          parts
              .addObject()
              .putObject("functionCall")
              .put("name", fn.name())
              .set("args", FakeAnthropicServer.read(fn.argumentsJson()));
        }
      }
    }
    candidate.put("finishReason", "STOP");
    candidate.put("index", 0);
    int prompt = PromptTokens.of(PromptTokens.text(call.body().path("contents")));
    body.putObject("usageMetadata")
        .put("promptTokenCount", prompt)
        .put("candidatesTokenCount", 5)
        .put("totalTokenCount", prompt + 5);
    body.put("modelVersion", model(call));
    return body;
  }
}
