package dev.cairn.runtime.api.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A new API key.
 *
 * @param name a name for people (what the key is for)
 * @param roles the roles it grants: developer, operator, auditor, admin
 * @param expiresAt optional expiry, in the future
 * @param tenant the key's tenant; another than the caller's only for platform admins
 */
public record ApiKeyRequest(
    @NotNull @Size(min = 1, max = 100) String name,
    @NotNull @Size(min = 1, max = 4)
        List<
                @NotNull
                @Pattern(
                    regexp = "developer|operator|auditor|admin",
                    message = "one of developer, operator, auditor, admin")
                String>
            roles,
    Instant expiresAt,
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "not a tenant id") String tenant) {}
