package dev.cairn.runtime.api.admin;

import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import dev.cairn.runtime.security.TenantDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants, managed by platform admins (admins of the {@code default} tenant). */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants", description = "Tenants (platform admins)")
public class TenantResource {
  private static final String TENANT_ID = TenantDirectory.ID_PATTERN;
  private final TenantDirectory tenants;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param tenants tenants
   * @param caller the caller
   */
  public TenantResource(TenantDirectory tenants, CurrentCaller caller) {
    this.tenants = tenants;
    this.caller = caller;
  }

  /**
   * Creates a tenant.
   *
   * @param request the tenant
   * @return 201 with the tenant
   */
  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Create a tenant", description = "409 when the id is taken.")
  public Response create(@NotNull @Valid TenantRequest request) {
    Caller admin = platformAdmin();
    String name = request.displayName() == null ? request.id() : request.displayName();
    return tenants
        .create(request.id(), name, admin.actor())
        .map(
            t ->
                Response.created(URI.create("/v1/tenants/" + t.id))
                    .entity(TenantResponse.of(t))
                    .build())
        .orElseThrow(() -> CairnException.conflict("tenant '" + request.id() + "' exists already"));
  }

  /**
   * Lists tenants.
   *
   * @param cursor the last id of the previous page
   * @param limit page size
   * @return a page in id order
   */
  @GET
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "List tenants", description = "In id order, with cursor pagination.")
  public Page<TenantResponse> list(
      @QueryParam("cursor") @Size(max = 100) String cursor,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
    platformAdmin();
    String after = cursor == null ? null : decode(cursor);
    List<TenantResponse> rows =
        tenants.page(after, limit + 1).stream().map(TenantResponse::of).toList();
    boolean more = rows.size() > limit;
    List<TenantResponse> page = more ? rows.subList(0, limit) : rows;
    return new Page<>(page, more ? encode(page.getLast().id()) : null);
  }

  private static String encode(String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("tenant:" + lastId).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith("tenant:") && raw.substring(7).matches(TENANT_ID)) {
        return raw.substring(7);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw CairnException.invalid("cursor", "not a cursor returned by this API");
  }

  /**
   * One tenant.
   *
   * @param id tenant id
   * @return the tenant
   */
  @GET
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Get a tenant")
  public TenantResponse get(@PathParam("id") String id) {
    platformAdmin();
    return tenants.find(checkId(id)).map(TenantResponse::of).orElseThrow(() -> notFound(id));
  }

  /**
   * Disables a tenant: its requests get 403 and its runs are no longer claimed; nothing is lost.
   *
   * @param id tenant id
   * @return the tenant
   */
  @POST
  @Path("/{id}/disable")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary = "Disable a tenant",
      description =
          "Its requests are refused with 403 and its runs are not claimed; they stay as they are"
              + " and go on when the tenant is enabled again. The platform tenant cannot be"
              + " disabled.")
  public TenantResponse disable(@PathParam("id") String id) {
    Caller admin = platformAdmin();
    if (TenantDirectory.PLATFORM.equals(id)) {
      throw CairnException.conflict("the platform tenant cannot be disabled");
    }
    return tenants
        .setDisabled(checkId(id), true, admin.actor())
        .map(TenantResponse::of)
        .orElseThrow(() -> notFound(id));
  }

  /**
   * Enables a tenant again.
   *
   * @param id tenant id
   * @return the tenant
   */
  @POST
  @Path("/{id}/enable")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Enable a tenant", description = "Its parked runs are claimed again.")
  public TenantResponse enable(@PathParam("id") String id) {
    Caller admin = platformAdmin();
    return tenants
        .setDisabled(checkId(id), false, admin.actor())
        .map(TenantResponse::of)
        .orElseThrow(() -> notFound(id));
  }

  private Caller platformAdmin() {
    Caller admin = caller.get();
    if (!TenantDirectory.PLATFORM.equals(admin.tenantId())) {
      throw new CairnException(
          403,
          "forbidden",
          "Forbidden",
          "tenants are managed by admins of the '" + TenantDirectory.PLATFORM + "' tenant",
          List.of());
    }
    return admin;
  }

  private static String checkId(String id) {
    if (!id.matches(TENANT_ID)) {
      throw CairnException.invalid("id", "not a tenant id");
    }
    return id;
  }

  private static CairnException notFound(String id) {
    return CairnException.notFound("tenant '" + id + "' does not exist");
  }
}
