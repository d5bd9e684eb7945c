package dev.cairn.runtime.api.admin;

import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.security.ApiKeyToken;
import dev.cairn.runtime.security.ApiKeys;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import dev.cairn.runtime.security.TenantDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * API keys of a tenant, for its admins. Platform admins (admins of the {@code default} tenant) may
 * name another tenant with {@code tenant}; for anyone else another tenant's keys do not exist.
 */
@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Keys bound to one tenant and a set of roles")
public class ApiKeyResource {
  private static final String TENANT_ID = TenantDirectory.ID_PATTERN;
  private final ApiKeys keys;
  private final TenantDirectory tenants;
  private final CurrentCaller caller;
  private final Clock clock;

  /**
   * Creates the resource.
   *
   * @param keys API keys
   * @param tenants tenants
   * @param caller the caller
   * @param clock clock
   */
  public ApiKeyResource(ApiKeys keys, TenantDirectory tenants, CurrentCaller caller, Clock clock) {
    this.keys = keys;
    this.tenants = tenants;
    this.caller = caller;
    this.clock = clock;
  }

  /**
   * Creates a key. The answer holds the full key once; only its hash is stored.
   *
   * @param request the key
   * @return 201 with the key
   */
  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary = "Create an API key",
      description =
          "Answers the full key (cairn_<id>_<secret>) once, in 'key'; it cannot be shown again.")
  public Response create(@NotNull @Valid ApiKeyRequest request) {
    Caller admin = caller.get();
    String tenant = targetTenant(admin, request.tenant(), "tenant");
    Instant expiresAt = request.expiresAt() == null ? null : parseTime(request.expiresAt());
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw CairnException.invalid("expiresAt", "must be in the future");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    request.roles().forEach(name -> Role.parse(name).ifPresent(roles::add));
    ApiKeys.CreatedKey created =
        keys.create(tenant, request.name(), roles, expiresAt, admin.actor());
    return Response.created(URI.create("/v1/api-keys/" + created.key().id))
        .entity(ApiKeyResponse.of(created.key(), created.token()))
        .build();
  }

  /**
   * Lists a tenant's keys, newest first.
   *
   * @param tenant another tenant (platform admins only)
   * @param cursor cursor from the previous page
   * @param limit page size
   * @return a page
   */
  @GET
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "List API keys", description = "Newest first; secrets are never shown.")
  public Page<ApiKeyResponse> list(
      @QueryParam("tenant") @Pattern(regexp = TENANT_ID, message = "not a tenant id") String tenant,
      @QueryParam("cursor") @Size(max = 200) String cursor,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
    String scope = targetTenant(caller.get(), tenant, "tenant");
    ApiKeys.KeyPage page;
    try {
      page = keys.page(scope, cursor, limit);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid("cursor", "not a cursor returned by this API");
    }
    return new Page<>(
        page.keys().stream().map(k -> ApiKeyResponse.of(k, null)).toList(), page.nextCursor());
  }

  /**
   * One key.
   *
   * @param id key id
   * @param tenant another tenant (platform admins only)
   * @return the key
   */
  @GET
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Get an API key")
  public ApiKeyResponse get(
      @PathParam("id") String id,
      @QueryParam("tenant") @Pattern(regexp = TENANT_ID, message = "not a tenant id")
          String tenant) {
    String scope = keyTenant(caller.get(), tenant, id);
    return keys.find(scope, checkId(id))
        .map(k -> ApiKeyResponse.of(k, null))
        .orElseThrow(() -> notFound(id));
  }

  /**
   * Revokes a key; every replica refuses it within {@code cairn.security.cache-ttl}.
   *
   * @param id key id
   * @param tenant another tenant (platform admins only)
   * @return the revoked key
   */
  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary = "Revoke an API key",
      description =
          "The key stays listed with its revocation time; every replica refuses it within"
              + " cairn.security.cache-ttl (2 s by default).")
  public ApiKeyResponse revoke(
      @PathParam("id") String id,
      @QueryParam("tenant") @Pattern(regexp = TENANT_ID, message = "not a tenant id")
          String tenant) {
    Caller admin = caller.get();
    String scope = keyTenant(admin, tenant, id);
    return keys.revoke(scope, checkId(id), admin.actor())
        .map(k -> ApiKeyResponse.of(k, null))
        .orElseThrow(() -> notFound(id));
  }

  /** The tenant an operation acts in: the caller's, or for platform admins the one named. */
  private String targetTenant(Caller admin, String named, String field) {
    if (named == null || named.equals(admin.tenantId())) {
      return admin.tenantId();
    }
    if (!TenantDirectory.PLATFORM.equals(admin.tenantId()) || tenants.find(named).isEmpty()) {
      throw CairnException.notFound(field + " '" + named + "' does not exist");
    }
    return named;
  }

  private String keyTenant(Caller admin, String named, String id) {
    if (named != null
        && !named.equals(admin.tenantId())
        && !TenantDirectory.PLATFORM.equals(admin.tenantId())) {
      throw notFound(id);
    }
    return named == null ? admin.tenantId() : named;
  }

  private static Instant parseTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw CairnException.invalid(
          "expiresAt", "not an ISO-8601 time with offset, e.g. 2027-01-31T00:00:00Z");
    }
  }

  private static String checkId(String id) {
    if (!ApiKeyToken.isId(id)) {
      throw CairnException.invalid("id", "not an API key id (12 lower-case letters or digits)");
    }
    return id;
  }

  private static CairnException notFound(String id) {
    return CairnException.notFound("API key '" + id + "' does not exist");
  }
}
