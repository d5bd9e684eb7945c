package dev.cairn.runtime.api.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Approval of an MCP server's catalogue.
 *
 * @param hash the catalogue hash the admin reviewed ({@code currentHash} of the listing)
 */
public record McpApproveRequest(
    @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "a SHA-256 in lower-case hex")
        String hash) {}
