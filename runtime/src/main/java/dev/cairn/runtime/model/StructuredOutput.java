package dev.cairn.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks a provider for an answer in the shape of the run's result schema, where the provider has a
 * mode for it. OpenAI gets {@code response_format: json_schema} (strict) when the schema converts
 * ({@link ProviderSchema}), else JSON mode plus an instruction that carries the schema. The request
 * always offers the agent's tools too: OpenAI applies the format only to a text answer, so the
 * model may still call tools, and its final answer comes back as JSON. Other providers get nothing
 * extra; the runtime validates every final answer either way.
 */
final class StructuredOutput {
  /** The name of the schema as the provider sees it. */
  static final String SCHEMA_NAME = "run_result";

  /** Starts the instruction sent with JSON mode. */
  static final String INSTRUCTION =
      "Give your final answer as one JSON value (no prose, no code fence) that matches this JSON"
          + " Schema:\n";

  private static final int MAX_CACHED = 512;

  private final Map<String, Optional<ResponseFormat>> formats = new ConcurrentHashMap<>();

  /**
   * Sets the request's messages, with what the result schema needs.
   *
   * @param request the request being built
   * @param messages the conversation to send
   * @param spec the run's definition
   */
  void decorate(ChatRequest.Builder request, List<ChatMessage> messages, AgentSpec spec) {
    AgentSpec.ResultSpec result = spec.result();
    if (result == null || !"openai".equals(spec.model().provider())) {
      request.messages(messages);
      return;
    }
    Optional<ResponseFormat> strict = strictFormat(result.schema());
    if (strict.isPresent()) {
      request.messages(messages).responseFormat(strict.get());
      return;
    }
    List<ChatMessage> instructed = new ArrayList<>(messages.size() + 1);
    instructed.addAll(messages);
    instructed.add(SystemMessage.from(INSTRUCTION + result.schema()));
    request.messages(instructed).responseFormat(ResponseFormat.JSON);
  }

  private Optional<ResponseFormat> strictFormat(JsonNode schema) {
    String key = schema.toString();
    Optional<ResponseFormat> cached = formats.get(key);
    if (cached != null) {
      return cached;
    }
    if (formats.size() >= MAX_CACHED) {
      formats.clear();
    }
    return formats.computeIfAbsent(
        key,
        k ->
            ProviderSchema.strict(schema)
                .map(
                    root ->
                        ResponseFormat.builder()
                            .type(ResponseFormatType.JSON)
                            .jsonSchema(
                                JsonSchema.builder().name(SCHEMA_NAME).rootElement(root).build())
                            .build()));
  }
}
