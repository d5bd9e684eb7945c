package dev.cairn.runtime.api.admin;

import dev.cairn.runtime.security.TenantDirectory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new tenant.
 *
 * @param id tenant id: lower-case letters, digits and dashes, 1-63 characters
 * @param displayName a name for people
 */
public record TenantRequest(
    @NotNull
        @Pattern(
            regexp = TenantDirectory.ID_PATTERN,
            message = "1-63 lower-case letters, digits or dashes, starting with a letter or digit")
        String id,
    @Size(min = 1, max = 200) String displayName) {}
