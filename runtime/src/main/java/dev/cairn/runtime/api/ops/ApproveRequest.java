package dev.cairn.runtime.api.ops;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Approval of one tool call.
 *
 * @param argumentsHash the {@code argumentsHash} of the approval as the operator saw it
 */
@Schema(description = "Approves exactly the arguments whose hash is given")
public record ApproveRequest(@NotBlank @Size(max = 200) String argumentsHash) {}
