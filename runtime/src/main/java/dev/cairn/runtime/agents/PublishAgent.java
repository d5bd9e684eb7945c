package dev.cairn.runtime.agents;

import com.fasterxml.jackson.databind.JsonNode;
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
 * @param approvals which tool calls wait for an operator's approval, or null for none
 * @param payloadDays days after which a finished run's payloads are pruned, or null to keep them
 * @param fallbacks models asked in order when the one before fails (at most 4), or null
 * @param variants an A/B split of runs over models (2 to 8), or null
 * @param result the schema the run's final answer must match, or null for free text
 */
public record PublishAgent(
    String name,
    String description,
    String systemPrompt,
    Model model,
    List<String> tools,
    Budget budget,
    Approvals approvals,
    Integer payloadDays,
    List<Model> fallbacks,
    List<Variant> variants,
    Result result) {

  /**
   * A definition that calls one model and whose runs answer in free text.
   *
   * @param name agent name (required)
   * @param description what the agent is for
   * @param systemPrompt the system prompt
   * @param model the model (required)
   * @param tools allowed tool names
   * @param budget per-run limits
   * @param approvals which tool calls wait for an operator's approval, or null for none
   * @param payloadDays days after which a finished run's payloads are pruned, or null to keep them
   */
  public PublishAgent(
      String name,
      String description,
      String systemPrompt,
      Model model,
      List<String> tools,
      Budget budget,
      Approvals approvals,
      Integer payloadDays) {
    this(
        name,
        description,
        systemPrompt,
        model,
        tools,
        budget,
        approvals,
        payloadDays,
        null,
        null,
        null);
  }

  /**
   * One arm of an A/B split.
   *
   * @param name variant name, {@code [a-z0-9_-]{1,32}}, unique within the definition
   * @param weight relative share of runs, 1 to 1000
   * @param model the model its runs call
   */
  public record Variant(String name, Integer weight, Model model) {}

  /**
   * The structured result of the definition's runs.
   *
   * @param schema JSON Schema (draft 2020-12) of the final answer; its root must be an object
   *     schema
   * @param maxRetries how often a non-matching answer is asked again (0-5), or null for 2
   */
  public record Result(JsonNode schema, Integer maxRetries) {}

  /**
   * A definition that keeps its runs' payloads forever.
   *
   * @param name agent name (required)
   * @param description what the agent is for
   * @param systemPrompt the system prompt
   * @param model the model (required)
   * @param tools allowed tool names
   * @param budget per-run limits
   * @param approvals which tool calls wait for an operator's approval, or null for none
   */
  public PublishAgent(
      String name,
      String description,
      String systemPrompt,
      Model model,
      List<String> tools,
      Budget budget,
      Approvals approvals) {
    this(name, description, systemPrompt, model, tools, budget, approvals, null, null, null, null);
  }

  /**
   * A definition whose tool calls need no approval.
   *
   * @param name agent name (required)
   * @param description what the agent is for
   * @param systemPrompt the system prompt
   * @param model the model (required)
   * @param tools allowed tool names
   * @param budget per-run limits
   */
  public PublishAgent(
      String name,
      String description,
      String systemPrompt,
      Model model,
      List<String> tools,
      Budget budget) {
    this(name, description, systemPrompt, model, tools, budget, null, null, null, null, null);
  }

  /**
   * Which tool calls wait for an operator's approval.
   *
   * @param tools tools whose every call needs approval (each must be one of the agent's tools)
   * @param allNonReadOnly whether every call of a tool with side effects needs approval
   */
  public record Approvals(List<String> tools, Boolean allNonReadOnly) {}

  /**
   * The model of an agent.
   *
   * @param provider a provider of {@code dev.cairn.runtime.model.ModelProviders}, e.g. {@code
   *     anthropic}
   * @param name model name, required for openai
   * @param temperature sampling temperature
   * @param script answers of the scripted provider
   * @param credential name of a configured provider credential, or null
   * @param maxOutputTokens most tokens of one answer, or null for the runtime's default
   */
  public record Model(
      String provider,
      String name,
      Double temperature,
      List<Turn> script,
      String credential,
      Integer maxOutputTokens) {

    /**
     * A model with the runtime's default output cap.
     *
     * @param provider a provider of {@code dev.cairn.runtime.model.ModelProviders}, e.g. {@code
     *     anthropic}
     * @param name model name, required for openai
     * @param temperature sampling temperature
     * @param script answers of the scripted provider
     * @param credential name of a configured provider credential, or null
     */
    public Model(
        String provider, String name, Double temperature, List<Turn> script, String credential) {
      this(provider, name, temperature, script, credential, null);
    }
  }

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
   * @param maxCostMicros most cost in millionths of the price table's currency
   * @param maxDurationSeconds wall-clock limit after submission
   * @param onBreach {@code stop} or {@code pause}
   * @param onRetriesExhausted {@code pause} or {@code fail}
   */
  public record Budget(
      Integer maxSteps,
      Integer maxModelCalls,
      Long maxTokens,
      Integer maxInvalidToolCalls,
      Long maxCostMicros,
      Long maxDurationSeconds,
      String onBreach,
      String onRetriesExhausted) {

    /**
     * Limits without cost cap or deadline, with the default policies.
     *
     * @param maxSteps most steps
     * @param maxModelCalls most model calls
     * @param maxTokens most tokens
     * @param maxInvalidToolCalls most rejected tool calls before failing
     */
    public Budget(
        Integer maxSteps, Integer maxModelCalls, Long maxTokens, Integer maxInvalidToolCalls) {
      this(maxSteps, maxModelCalls, maxTokens, maxInvalidToolCalls, null, null, null, null);
    }
  }
}
