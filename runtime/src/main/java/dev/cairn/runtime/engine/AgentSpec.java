package dev.cairn.runtime.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The immutable spec of one agent definition version, as the engine reads it.
 *
 * @param description what the agent is for
 * @param systemPrompt the system prompt
 * @param model the model to call
 * @param tools names of the tools the agent may call
 * @param budget limits of one run
 */
public record AgentSpec(
    String description, String systemPrompt, ModelSpec model, List<String> tools, Budget budget) {

  /**
   * Which model a run calls.
   *
   * @param provider {@code openai} or {@code scripted}
   * @param name model name for the provider
   * @param temperature sampling temperature, or null for the provider default
   * @param script answers of the scripted provider, in order
   * @param credential name of the configured provider credential, or null for the default key
   */
  public record ModelSpec(
      String provider,
      String name,
      Double temperature,
      List<ScriptTurn> script,
      @JsonInclude(JsonInclude.Include.NON_NULL) String credential) {}

  /**
   * One answer of the scripted provider.
   *
   * @param text final text, when the turn has no tool calls
   * @param toolCalls tool calls to request
   * @param delayMs how long the answer takes
   */
  public record ScriptTurn(String text, List<ScriptToolCall> toolCalls, long delayMs) {}

  /**
   * A tool call in a scripted answer.
   *
   * @param name tool name
   * @param arguments arguments as JSON text
   */
  public record ScriptToolCall(String name, String arguments) {}

  /**
   * Limits of one run; reaching one stops the run as BUDGET_EXCEEDED (or FAILED for invalid tool
   * calls).
   *
   * @param maxSteps most checkpoints
   * @param maxModelCalls most model calls, failed attempts included
   * @param maxTokens most prompt plus completion tokens
   * @param maxInvalidToolCalls most rejected tool calls before the run fails
   */
  public record Budget(int maxSteps, int maxModelCalls, long maxTokens, int maxInvalidToolCalls) {}
}
