package dev.cairn.runtime.api.ops;

import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.events.webhooks.CreatedWebhook;
import dev.cairn.runtime.events.webhooks.NewWebhook;
import dev.cairn.runtime.events.webhooks.WebhookService;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's webhook subscriptions: admins create and delete them; admins, operators and auditors
 * read them. The signing secret is shown once, in the answer to the creation.
 */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed deliveries of run events to tenants' URLs")
public class WebhookResource {
  private final WebhookService webhooks;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param webhooks subscriptions
   * @param caller the caller
   */
  public WebhookResource(WebhookService webhooks, CurrentCaller caller) {
    this.webhooks = webhooks;
    this.caller = caller;
  }

  /**
   * Subscribes a URL to run events.
   *
   * @param request the subscription
   * @return 201 with the subscription and its secret
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary = "Create a webhook subscription",
      description =
          "Answers the signing secret (whsec_...) once, in 'secret'; it cannot be shown again."
              + " The URL must be http(s) and reach a public address (400 otherwise).")
  public Response create(@NotNull @Valid WebhookRequest request) {
    Caller admin = caller.get();
    CreatedWebhook created =
        webhooks.subscribe(
            admin.tenantId(),
            admin.actor(),
            new NewWebhook(request.url(), request.types(), request.description()));
    return Response.created(URI.create("/v1/webhooks/" + created.webhook().id()))
        .entity(WebhookResponse.of(created.webhook(), created.secret()))
        .build();
  }

  /**
   * The tenant's subscriptions.
   *
   * @return all of them (a tenant has a bounded number), oldest first
   */
  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "List webhook subscriptions", description = "Secrets are never shown.")
  public Page<WebhookResponse> list() {
    return new Page<>(
        webhooks.list(caller.get().tenantId()).stream()
            .map(w -> WebhookResponse.of(w, null))
            .toList(),
        null);
  }

  /**
   * One subscription.
   *
   * @param id its id
   * @return it
   */
  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "Get a webhook subscription")
  public WebhookResponse get(@PathParam("id") String id) {
    return WebhookResponse.of(webhooks.get(caller.get().tenantId(), OpsParams.id("id", id)), null);
  }

  /**
   * Deletes a subscription.
   *
   * @param id its id
   * @return 204
   */
  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary = "Delete a webhook subscription",
      description =
          "No further deliveries; pending ones are dropped. Its delivered and dead deliveries"
              + " stay listed until the retention ends.")
  public Response delete(@PathParam("id") String id) {
    Caller admin = caller.get();
    webhooks.delete(admin.tenantId(), OpsParams.id("id", id), admin.actor());
    return Response.noContent().build();
  }
}
