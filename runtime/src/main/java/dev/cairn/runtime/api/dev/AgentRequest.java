package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An agent definition to publish.
 *
 * @param name agent name
 * @param description what the agent is for
 * @param systemPrompt the system prompt
 * @param model the model
 * @param tools allowed tool names
 * @param budget per-run limits
 * @param approvals which tool calls wait for an operator's approval
 * @param retention how long finished runs keep their payloads (absent: forever)
 * @param fallbacks models asked in order, in the same step, when the one before is unavailable
 * @param variants an A/B split of runs over models, chosen once per run by weight
 * @param result the JSON schema the run's final answer must match (absent: free text)
 */
@Schema(
    description = "An agent definition; publishing under an existing name creates a new version")
public record AgentRequest(
    @NotBlank
        @Pattern(
            regexp = "[a-z][a-z0-9-]{0,62}",
            message = "lower-case letters, digits and '-', starting with a letter, at most 63")
        String name,
    @Size(max = 2000) String description,
    @Size(max = 32_000) String systemPrompt,
    @NotNull @Valid Model model,
    @Size(max = 64) List<@NotBlank @Size(max = 100) String> tools,
    @Valid Budget budget,
    @Valid Approvals approvals,
    @Valid Retention retention,
    @Schema(description = "Models asked in order when the one before fails or its breaker is open")
        @Size(max = 4, message = "at most 4 fallback models")
        List<@NotNull @Valid Model> fallbacks,
    @Schema(description = "A/B split: each run calls one variant's model, chosen by weight")
        @Size(min = 2, max = 8, message = "an A/B split needs 2 to 8 variants")
        List<@NotNull @Valid Variant> variants,
    @Valid Result result) {

  /**
   * One arm of an A/B split.
   *
   * @param name variant name, unique within the definition
   * @param weight relative share of runs
   * @param model the model its runs call
   */
  public record Variant(
      @NotNull
          @Pattern(
              regexp = "[a-z0-9_-]{1,32}",
              message = "1 to 32 of lower-case letters, digits, '_' and '-'")
          String name,
      @NotNull @Min(1) @Max(1000) Integer weight,
      @NotNull @Valid Model model) {}

  /**
   * The structured result of the definition's runs: the final answer must be JSON matching the
   * schema; a non-matching answer is shown its errors and asked again.
   *
   * @param schema JSON Schema (draft 2020-12), an object schema of at most 16 KB, with references
   *     only inside itself
   * @param maxRetries how often a non-matching answer is asked again before the run fails (0-5,
   *     default 2)
   */
  @Schema(
      description =
          "JSON Schema the run's final answer must match; the run's result is the parsed JSON")
  public record Result(@NotNull JsonNode schema, @Min(0) @Max(5) Integer maxRetries) {}

  /**
   * How long the finished runs of this definition keep their bulky payloads.
   *
   * @param payloadDays days after a run finished when its checkpoint decisions and outcomes,
   *     message contents and tool arguments and results are replaced by their SHA-256 digests
   */
  @Schema(
      description =
          "Finished runs' payloads are replaced by their SHA-256 digests after payloadDays days;"
              + " hashes, usage and cost stay, and the checkpoint chain still verifies")
  public record Retention(@NotNull @Min(1) @Max(3650) Integer payloadDays) {}

  /**
   * Which tool calls wait for an operator's approval before they run.
   *
   * @param tools tools whose every call needs approval; each must be in the agent's tool list
   * @param allNonReadOnly whether every call of a tool with side effects needs approval
   */
  public record Approvals(
      @Size(max = 64) List<@NotBlank @Size(max = 100) String> tools, Boolean allNonReadOnly) {}

  /**
   * The model of an agent.
   *
   * @param provider {@code openai}, {@code openai-compatible}, {@code anthropic}, {@code gemini},
   *     {@code bedrock}, {@code ollama}, {@code mistral}, {@code azure-openai} or {@code scripted}
   *     (offline); an unknown one is refused with the list of known ones
   * @param name model name (Bedrock: model id; Azure: deployment name), required but for scripted
   * @param temperature sampling temperature
   * @param script answers of the scripted provider
   * @param credential name of a provider credential configured as {@code
   *     cairn.credentials.<name>.api-key}; the key itself never appears in a definition
   * @param maxOutputTokens most tokens of one answer (1-128000)
   */
  public record Model(
      @NotBlank @Size(max = 40) String provider,
      @Size(max = 200) String name,
      @DecimalMin("0") @DecimalMax("2") Double temperature,
      @Size(max = 200) List<@NotNull @Valid Turn> script,
      @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "not a credential name")
          String credential,
      @Min(1) @Max(128_000) Integer maxOutputTokens) {}

  /**
   * One scripted answer: text, or tool calls.
   *
   * @param text final answer text
   * @param toolCalls tool calls to request
   * @param delayMs how long the answer takes
   */
  public record Turn(
      @Size(max = 32_000) String text,
      @Size(max = 16) List<@NotNull @Valid ToolCall> toolCalls,
      @Min(0) @Max(600_000) Long delayMs) {}

  /**
   * A scripted tool call.
   *
   * @param name tool name
   * @param arguments arguments object
   */
  public record ToolCall(@NotBlank @Size(max = 100) String name, JsonNode arguments) {}

  /**
   * Per-run limits; on a run submission, limits that override the definition's for that run.
   *
   * @param maxSteps most steps (default 100)
   * @param maxModelCalls most model calls (default 50)
   * @param maxTokens most tokens (default 1,000,000)
   * @param maxInvalidToolCalls most rejected tool calls before failing (default 3)
   * @param maxCostUsd most cost in the price table's currency (default: no cap)
   * @param maxDurationSeconds wall-clock limit after submission (default: none)
   * @param onBreach {@code stop} (default) or {@code pause} when a limit is reached
   * @param onRetriesExhausted {@code pause} (default) or {@code fail} when model retries run out
   */
  public record Budget(
      @Min(1) @Max(10_000) Integer maxSteps,
      @Min(1) @Max(10_000) Integer maxModelCalls,
      @Min(1) @Max(1_000_000_000) Long maxTokens,
      @Min(0) @Max(100) Integer maxInvalidToolCalls,
      @DecimalMin("0.000001") @DecimalMax("1000000") @Digits(integer = 7, fraction = 6)
          BigDecimal maxCostUsd,
      @Min(1) @Max(31_536_000) Long maxDurationSeconds,
      @Pattern(regexp = "stop|pause", message = "must be stop or pause") String onBreach,
      @Pattern(regexp = "pause|fail", message = "must be pause or fail")
          String onRetriesExhausted) {}
}
