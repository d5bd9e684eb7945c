package dev.cairn.runtime.agents;

import java.util.List;

/**
 * A command to publish an agent definition; fields are optional unless stated, defaults are filled
 * in by {@link AgentService}.
 *
 * @param name agent name (required)
 * @param description what the agent is for
 * @param systemPrompt the system prompt
 * @param model the model (required)
 * @param tools allowed tool names
 * @param budget per-run limits
 */
public record PublishAgent(
    String name,
    String description,
    String systemPrompt,
    Model model,
    List<String> tools,
    Budget budget) {

  /**
   * The model of an agent.
   *
   * @param provider {@code openai} or {@code scripted}
   * @param name model name, required for openai
   * @param temperature sampling temperature
   * @param script answers of the scripted provider
   * @param credential name of a configured provider credential, or null
   */
  public record Model(
      String provider, String name, Double temperature, List<Turn> script, String credential) {}

  /**
   * One scripted answer: text, or tool calls.
   *
   * @param text final answer text
   * @param toolCalls tool calls to request
   * @param delayMs how long the answer takes
   */
  public record Turn(String text, List<ToolCall> toolCalls, Long delayMs) {}

  /**
   * A scripted tool call.
   *
   * @param name tool name
   * @param argumentsJson arguments as JSON text ({@code {}} when null)
   */
  public record ToolCall(String name, String argumentsJson) {}

  /**
   * Per-run limits; a null limit takes its default.
   *
   * @param maxSteps most steps
   * @param maxModelCalls most model calls
   * @param maxTokens most tokens
   * @param maxInvalidToolCalls most rejected tool calls before failing
   */
  public record Budget(
      Integer maxSteps, Integer maxModelCalls, Long maxTokens, Integer maxInvalidToolCalls) {}
}
