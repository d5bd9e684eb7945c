package dev.cairn.runtime.api.admin;

import dev.cairn.runtime.security.TenantDirectory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new API key.
 *
 * @param name a name for people (what the key is for)
 * @param roles the roles it grants: developer, operator, auditor, admin
 * @param expiresAt optional expiry, an ISO-8601 time with offset in the future
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
    @Schema(type = SchemaType.STRING, format = "date-time") @Size(max = 64) String expiresAt,
    @Pattern(regexp = TenantDirectory.ID_PATTERN, message = "not a tenant id") String tenant) {}
