package dev.cairn.runtime.api.ops;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Guidance for a run.
 *
 * @param text what the agent should know before its next model call (1-4000 characters)
 */
@Schema(description = "Guidance the agent receives before its next model call")
public record SteerRequest(@NotBlank @Size(max = 4000) String text) {}
