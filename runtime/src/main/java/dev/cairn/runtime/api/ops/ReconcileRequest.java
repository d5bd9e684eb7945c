package dev.cairn.runtime.api.ops;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The operator's finding about an interrupted call with side effects.
 *
 * @param happened whether the call's effect happened
 * @param note what the operator found (at most 1000 characters)
 */
@Schema(description = "Whether the uncertain effect of an interrupted call happened")
public record ReconcileRequest(@NotNull Boolean happened, @Size(max = 1000) String note) {}
