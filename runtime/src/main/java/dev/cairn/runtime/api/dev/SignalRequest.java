package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A signal for a run.
 *
 * @param name the name a {@code wait_for_signal} call waits for
 * @param payload any JSON value given to the waiting call (at most 8 KiB; an empty object when
 *     omitted)
 */
@Schema(description = "A signal for a run waiting in wait_for_signal")
public record SignalRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}",
            message = "letters, digits, _ . : - (1-64, starting with a letter or digit)")
        String name,
    JsonNode payload) {}
