package dev.cairn.runtime.api.admin;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.mcp.McpRegistry;
import dev.cairn.runtime.mcp.McpServerStatus;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import dev.cairn.runtime.security.TenantDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** MCP servers and the approval of their tool catalogues, by platform admins. */
@Path("/v1/admin/mcp/servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "MCP servers", description = "MCP tool catalogues and their approval (platform admins)")
public class McpServerResource {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");
  private final McpRegistry registry;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param registry the MCP servers
   * @param caller the caller
   */
  public McpServerResource(McpRegistry registry, CurrentCaller caller) {
    this.registry = registry;
    this.caller = caller;
  }

  /**
   * Lists the configured servers.
   *
   * @return every server with its status, hashes and changed tools
   */
  @GET
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary = "List MCP servers",
      description =
          "Each server with its status, the hash of its live catalogue (currentHash) and of the"
              + " approved one, the tools offered now and the tools that differ (with both texts).")
  public List<McpServerStatus> list() {
    platformAdmin();
    return registry.servers();
  }

  /**
   * Approves a server's live catalogue.
   *
   * @param name server name
   * @param request the hash reviewed
   * @return the server's status after approval
   */
  @POST
  @Path("/{name}/approve")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary = "Approve an MCP server's catalogue",
      description =
          "Offers the server's tools to agents that list them, with the text approved. 409 when"
              + " the live catalogue's hash is no longer the one given, or the server is not"
              + " running.")
  public McpServerStatus approve(
      @PathParam("name") String name, @NotNull @Valid McpApproveRequest request) {
    Caller admin = platformAdmin();
    if (!NAME.matcher(name).matches()) {
      throw CairnException.invalid("name", "not a server name");
    }
    CairnException refused =
        switch (registry.approve(name, request.hash(), admin.actor())) {
          case APPROVED -> null;
          case UNKNOWN_SERVER ->
              CairnException.notFound("MCP server '" + name + "' is not configured");
          case UNAVAILABLE ->
              CairnException.conflict(
                  "MCP server '" + name + "' is not running; there is no catalogue to approve");
          case HASH_CHANGED ->
              CairnException.conflict(
                  "the catalogue of MCP server '"
                      + name
                      + "' is no longer the one given; review the listing again");
        };
    if (refused != null) {
      throw refused;
    }
    return registry.server(name).orElseThrow();
  }

  private Caller platformAdmin() {
    Caller admin = caller.get();
    if (!TenantDirectory.PLATFORM.equals(admin.tenantId())) {
      throw new CairnException(
          403,
          "forbidden",
          "Forbidden",
          "MCP servers are managed by admins of the '" + TenantDirectory.PLATFORM + "' tenant",
          List.of());
    }
    return admin;
  }
}
