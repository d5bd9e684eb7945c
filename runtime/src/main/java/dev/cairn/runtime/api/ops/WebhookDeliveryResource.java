package dev.cairn.runtime.api.ops;

import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.events.webhooks.DeliveryPage;
import dev.cairn.runtime.events.webhooks.WebhookService;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook deliveries for operators: the dead letters (and the pending and delivered ones), and
 * sending one again.
 */
@Path("/v1/webhooks/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed deliveries of run events to tenants' URLs")
public class WebhookDeliveryResource {
  private final WebhookService webhooks;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param webhooks deliveries
   * @param caller the caller
   */
  public WebhookDeliveryResource(WebhookService webhooks, CurrentCaller caller) {
    this.webhooks = webhooks;
    this.caller = caller;
  }

  /**
   * A page of deliveries in one state, newest first.
   *
   * @param state PENDING, DELIVERED or DEAD (the default: the dead letters)
   * @param subscription only this subscription's
   * @param cursor cursor from the previous page
   * @param limit page size (1-200, default 50)
   * @return a page
   */
  @GET
  @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary = "List webhook deliveries",
      description =
          "Dead letters by default (state=DEAD): deliveries that failed every attempt. Newest"
              + " first, cursor pagination.")
  public Page<WebhookDeliveryResponse> list(
      @QueryParam("state")
          @DefaultValue("DEAD")
          @Pattern(regexp = "PENDING|DELIVERED|DEAD", message = "one of PENDING, DELIVERED, DEAD")
          String state,
      @QueryParam("subscription") @Size(max = 36) String subscription,
      @QueryParam("cursor") @Size(max = 200) String cursor,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
    UUID subscriptionId =
        subscription == null || subscription.isEmpty()
            ? null
            : OpsParams.id("subscription", subscription);
    DeliveryPage page =
        webhooks.deliveries(caller.get().tenantId(), state, subscriptionId, cursor, limit);
    return new Page<>(
        page.items().stream().map(WebhookDeliveryResponse::of).toList(), page.nextCursor());
  }

  /**
   * Sends a delivery again.
   *
   * @param id the delivery
   * @return 202 with the delivery, pending
   */
  @POST
  @Path("/{id}/redeliver")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(
      summary = "Send a webhook delivery again",
      description =
          "Back to PENDING with attempts from zero, due now, whatever its state; 409 when its"
              + " subscription was deleted.")
  public Response redeliver(@PathParam("id") String id) {
    Caller operator = caller.get();
    return Response.accepted(
            WebhookDeliveryResponse.of(
                webhooks.redeliver(operator.tenantId(), OpsParams.id("id", id), operator.actor())))
        .build();
  }
}
