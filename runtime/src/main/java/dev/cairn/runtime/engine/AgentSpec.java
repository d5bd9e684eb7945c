package dev.cairn.runtime.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The immutable spec of one agent definition version, as the engine reads it.
 *
 * @param description what the agent is for
 * @param systemPrompt the system prompt
 * @param model the model to call
 * @param tools names of the tools the agent may call
 * @param budget limits of one run
 * @param approvals which tool calls wait for an operator's approval, or null for none
 * @param retention how long finished runs keep their payloads, or null to keep them forever
 * @param fallbacks models asked in order, within the same step, when the model before them is held
 *     back by its circuit breaker or fails with a retryable error; null for none
 * @param variants an A/B split: each run calls one variant's model instead of {@code model}, chosen
 *     once per run by weight; null for none
 * @param result the JSON schema the run's final answer must match, or null for a free-text answer
 */
public record AgentSpec(
    String description,
    String systemPrompt,
    ModelSpec model,
    List<String> tools,
    Budget budget,
    @JsonInclude(JsonInclude.Include.NON_NULL) Approvals approvals,
    @JsonInclude(JsonInclude.Include.NON_NULL) Retention retention,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<ModelSpec> fallbacks,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Variant> variants,
    @JsonInclude(JsonInclude.Include.NON_NULL) ResultSpec result) {

  /**
   * A spec that calls one model, without fallbacks or variants, whose runs answer in free text.
   *
   * @param description what the agent is for
   * @param systemPrompt the system prompt
   * @param model the model to call
   * @param tools names of the tools the agent may call
   * @param budget limits of one run
   * @param approvals which tool calls wait for an operator's approval, or null for none
   * @param retention how long finished runs keep their payloads, or null to keep them forever
   */
  public AgentSpec(
      String description,
      String systemPrompt,
      ModelSpec model,
      List<String> tools,
      Budget budget,
      Approvals approvals,
      Retention retention) {
    this(description, systemPrompt, model, tools, budget, approvals, retention, null, null, null);
  }

  /**
   * The structured result a run must end with: its final answer is parsed as JSON and validated
   * against {@code schema}; an answer that fails is shown its errors and asked again.
   *
   * @param schema a JSON Schema (draft 2020-12) whose root is an object schema
   * @param maxRetries how many times a failing answer is asked again before the run fails (0 to 5)
   */
  public record ResultSpec(JsonNode schema, int maxRetries) {}

  /**
   * A spec that keeps the payloads of its runs forever.
   *
   * @param description what the agent is for
   * @param systemPrompt the system prompt
   * @param model the model to call
   * @param tools names of the tools the agent may call
   * @param budget limits of one run
   * @param approvals which tool calls wait for an operator's approval, or null for none
   */
  public AgentSpec(
      String description,
      String systemPrompt,
      ModelSpec model,
      List<String> tools,
      Budget budget,
      Approvals approvals) {
    this(description, systemPrompt, model, tools, budget, approvals, null, null, null, null);
  }

  /**
   * A spec whose tool calls need no approval.
   *
   * @param description what the agent is for
   * @param systemPrompt the system prompt
   * @param model the model to call
   * @param tools names of the tools the agent may call
   * @param budget limits of one run
   */
  public AgentSpec(
      String description, String systemPrompt, ModelSpec model, List<String> tools, Budget budget) {
    this(description, systemPrompt, model, tools, budget, null, null, null, null, null);
  }

  /**
   * One arm of an A/B split.
   *
   * @param name the variant's name ({@code [a-z0-9_-]{1,32}}), recorded on each of its runs
   * @param weight its share of runs relative to the other variants (1 to 1000)
   * @param model the model its runs call
   */
  public record Variant(String name, int weight, ModelSpec model) {}

  /**
   * How long the runs of this definition version keep their bulky payloads once finished.
   *
   * @param payloadDays days after a run finished when its checkpoint decisions and outcomes,
   *     message contents and tool arguments and results are replaced by their SHA-256 digests (1 to
   *     3650)
   */
  public record Retention(int payloadDays) {}

  /**
   * Which tool calls wait for an operator's approval before they run.
   *
   * @param tools names of tools whose every call needs approval
   * @param allNonReadOnly whether every call of a tool that is not read-only needs approval
   */
  public record Approvals(List<String> tools, boolean allNonReadOnly) {
    /**
     * Whether a call of this tool needs approval.
     *
     * @param tool the tool name
     * @param readOnly whether the tool is read-only
     * @return true if the call must wait for an operator
     */
    public boolean required(String tool, boolean readOnly) {
      return (tools != null && tools.contains(tool)) || (allNonReadOnly && !readOnly);
    }
  }

  /**
   * Which model a run calls.
   *
   * @param provider a provider of {@code dev.cairn.runtime.model.ModelProviders}, e.g. {@code
   *     anthropic}
   * @param name model name for the provider
   * @param temperature sampling temperature, or null for the provider default
   * @param script answers of the scripted provider, in order
   * @param credential name of the configured provider credential, or null for the default key
   * @param maxOutputTokens most tokens one answer may have (sent to the provider as its output cap,
   *     and the worst case a call reserves), or null for the runtime's default
   */
  public record ModelSpec(
      String provider,
      String name,
      Double temperature,
      List<ScriptTurn> script,
      @JsonInclude(JsonInclude.Include.NON_NULL) String credential,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxOutputTokens) {

    /**
     * A model spec with the default output cap.
     *
     * @param provider a provider of {@code dev.cairn.runtime.model.ModelProviders}, e.g. {@code
     *     anthropic}
     * @param name model name for the provider
     * @param temperature sampling temperature, or null for the provider default
     * @param script answers of the scripted provider, in order
     * @param credential name of the configured provider credential, or null for the default key
     */
    public ModelSpec(
        String provider,
        String name,
        Double temperature,
        List<ScriptTurn> script,
        String credential) {
      this(provider, name, temperature, script, credential, null);
    }
  }

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
   * Limits of one run; reaching one stops the run as BUDGET_EXCEEDED, or pauses it for an operator
   * when {@code onBreach} is {@code pause} (invalid tool calls always fail the run).
   *
   * @param maxSteps most checkpoints
   * @param maxModelCalls most model calls, failed attempts included
   * @param maxTokens most prompt plus completion tokens
   * @param maxInvalidToolCalls most rejected tool calls before the run fails
   * @param maxCostMicros most cost in millionths of the price table's currency, or null for no cap
   * @param maxDurationSeconds wall-clock deadline after submission, or null for none
   * @param onBreach {@code stop} (default) or {@code pause}
   * @param onRetriesExhausted {@code pause} (default: wait for an operator) or {@code fail}
   */
  public record Budget(
      int maxSteps,
      int maxModelCalls,
      long maxTokens,
      int maxInvalidToolCalls,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long maxCostMicros,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long maxDurationSeconds,
      @JsonInclude(JsonInclude.Include.NON_NULL) String onBreach,
      @JsonInclude(JsonInclude.Include.NON_NULL) String onRetriesExhausted) {

    /**
     * Limits without cost cap or deadline, with the default policies.
     *
     * @param maxSteps most checkpoints
     * @param maxModelCalls most model calls, failed attempts included
     * @param maxTokens most prompt plus completion tokens
     * @param maxInvalidToolCalls most rejected tool calls before the run fails
     */
    public Budget(int maxSteps, int maxModelCalls, long maxTokens, int maxInvalidToolCalls) {
      this(maxSteps, maxModelCalls, maxTokens, maxInvalidToolCalls, null, null, null, null);
    }

    /**
     * Whether a breach pauses the run for an operator instead of ending it.
     *
     * @return true to pause
     */
    public boolean pausesOnBreach() {
      return "pause".equals(onBreach);
    }

    /**
     * Whether a run whose transient model errors outlast its retries fails instead of pausing.
     *
     * @return true to fail
     */
    public boolean failsWhenRetriesRunOut() {
      return "fail".equals(onRetriesExhausted);
    }
  }
}
