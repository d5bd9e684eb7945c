package dev.cairn.runtime.api.dev;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A person's write of a memory item.
 *
 * @param content the text (at most 8192 bytes of UTF-8)
 * @param pinned whether the agent's context may offer it (default false)
 * @param expectedVersion the version the writer read, 0 to create; or send it as {@code If-Match}
 */
@Schema(description = "A new version of a memory item; the version it replaces must be named")
public record MemoryWriteRequest(
    @NotNull @Size(min = 1, max = 8192) String content,
    Boolean pinned,
    @Min(0) @Max(Integer.MAX_VALUE) Integer expectedVersion) {}
