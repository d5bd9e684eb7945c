package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task for an agent.
 *
 * @param agent agent name
 * @param version definition version to pin (latest when omitted)
 * @param input the task: a string or any JSON value (at most 64 KiB)
 * @param priority lower runs first (default 0)
 * @param budget limits overriding the definition's for this run
 */
@Schema(description = "A task for an agent")
public record RunRequest(
    @NotBlank @Size(max = 63) String agent,
    @Min(1) Integer version,
    @NotNull JsonNode input,
    @Min(-1000) @Max(1000) Integer priority,
    @Valid AgentRequest.Budget budget) {}
