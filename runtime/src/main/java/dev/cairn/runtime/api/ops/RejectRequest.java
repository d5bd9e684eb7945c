package dev.cairn.runtime.api.ops;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Rejection of one tool call.
 *
 * @param reason why; the model is told (1-1000 characters)
 */
@Schema(description = "Refuses a tool call; the model is told the reason")
public record RejectRequest(@NotBlank @Size(max = 1000) String reason) {}
