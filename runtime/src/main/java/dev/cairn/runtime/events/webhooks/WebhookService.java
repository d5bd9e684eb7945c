package dev.cairn.runtime.events.webhooks;

import dev.cairn.persistence.store.NewWebhookSubscription;
import dev.cairn.persistence.store.WebhookDeliveryRow;
import dev.cairn.persistence.store.WebhookStore;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.api.problem.Problem;
import dev.cairn.tools.egress.EgressRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Subscriptions and deliveries as tenants and operators manage them: checks every subscription (URL
 * through the egress guard, known event types, the per-tenant limit), makes its secret, lists and
 * deletes subscriptions, lists deliveries and sends one again.
 */
@ApplicationScoped
public class WebhookService {
  /** Most event types one subscription names. */
  public static final int MAX_TYPES = 32;

  /** Delivery states. */
  public static final Set<String> STATES = Set.of("PENDING", "DELIVERED", "DEAD");

  private final WebhookStore store;
  private final WebhookTargets targets;
  private final SecretSealer sealer;
  private final WebhookConfig config;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store storage
   * @param targets the egress guard
   * @param sealer seals secrets for storage
   * @param config settings
   * @param clock clock
   */
  public WebhookService(
      WebhookStore store,
      WebhookTargets targets,
      SecretSealer sealer,
      WebhookConfig config,
      Clock clock) {
    this.store = store;
    this.targets = targets;
    this.sealer = sealer;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Creates a subscription.
   *
   * @param tenantId the tenant
   * @param actor who creates it
   * @param request what to create
   * @return the subscription and its secret, shown this once
   */
  public CreatedWebhook subscribe(String tenantId, String actor, NewWebhook request) {
    List<String> types = types(request.types());
    try {
      targets.check(request.url());
    } catch (EgressRefusedException e) {
      throw CairnException.invalid("url", e.getMessage());
    }
    UUID id = UUID.randomUUID();
    String secret = WebhookSignature.newSecret();
    NewWebhookSubscription row =
        new NewWebhookSubscription(
            id,
            tenantId,
            request.url(),
            types,
            request.description(),
            sealer.seal(secret, id.toString()),
            actor,
            clock.instant());
    int limit = Math.clamp(config.maxSubscriptionsPerTenant(), 1, 1000);
    Webhook created =
        store
            .create(row, limit)
            .map(Webhook::of)
            .orElseThrow(
                () ->
                    new CairnException(
                        409,
                        "limit-reached",
                        "Limit reached",
                        "the tenant has "
                            + limit
                            + " webhook subscriptions, the most it may have; delete one first",
                        List.of()));
    return new CreatedWebhook(created, secret);
  }

  /**
   * A tenant's subscriptions, oldest first.
   *
   * @param tenantId the tenant
   * @return the subscriptions
   */
  public List<Webhook> list(String tenantId) {
    return store.list(tenantId).stream().map(Webhook::of).toList();
  }

  /**
   * One subscription.
   *
   * @param tenantId the tenant
   * @param id the subscription
   * @return it
   */
  public Webhook get(String tenantId, UUID id) {
    return store.find(tenantId, id).map(Webhook::of).orElseThrow(() -> missing(id));
  }

  /**
   * Deletes a subscription: no new deliveries, pending ones are dropped, history stays listed.
   *
   * @param tenantId the tenant
   * @param id the subscription
   * @param actor who deletes it
   */
  public void delete(String tenantId, UUID id, String actor) {
    if (!store.delete(tenantId, id, actor, clock.instant())) {
      throw missing(id);
    }
  }

  /**
   * A page of a tenant's deliveries in one state, newest first.
   *
   * @param tenantId the tenant
   * @param state PENDING, DELIVERED or DEAD
   * @param subscriptionId only this subscription's, or null
   * @param cursor the previous page's cursor, or null
   * @param limit page size
   * @return the page
   */
  public DeliveryPage deliveries(
      String tenantId, String state, UUID subscriptionId, String cursor, int limit) {
    if (!STATES.contains(state)) {
      throw CairnException.invalid("state", "one of PENDING, DELIVERED, DEAD");
    }
    DeliveryCursor after = DeliveryCursor.decode(cursor);
    List<WebhookDeliveryRow> rows =
        store.deliveries(tenantId, state, subscriptionId, after.createdAt(), after.id(), limit + 1);
    boolean more = rows.size() > limit;
    List<WebhookDeliveryRow> page = more ? rows.subList(0, limit) : rows;
    String next =
        more ? new DeliveryCursor(page.getLast().createdAt(), page.getLast().id()).encode() : null;
    return new DeliveryPage(page.stream().map(WebhookDelivery::of).toList(), next);
  }

  /**
   * Sends a delivery again (whatever its state): pending, due now, attempts from zero.
   *
   * @param tenantId the tenant
   * @param id the delivery
   * @param actor who asks
   * @return the delivery, pending
   */
  public WebhookDelivery redeliver(String tenantId, UUID id, String actor) {
    Instant now = clock.instant();
    return switch (store.redeliver(tenantId, id, actor, now)) {
      case WebhookStore.Redelivery.Queued queued -> WebhookDelivery.of(queued.delivery());
      case WebhookStore.Redelivery.Missing missing ->
          throw CairnException.notFound("webhook delivery " + id + " does not exist");
      case WebhookStore.Redelivery.SubscriptionDeleted deleted ->
          throw CairnException.conflict(
              "the subscription of webhook delivery " + id + " was deleted");
    };
  }

  /** Known types, deduplicated in order; an unknown one is a 400 naming it. */
  private static List<String> types(List<String> requested) {
    if (requested == null) {
      return List.of();
    }
    if (requested.size() > MAX_TYPES) {
      throw CairnException.invalid("types", "at most " + MAX_TYPES + " event types");
    }
    Set<String> out = new LinkedHashSet<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String type = requested.get(i);
      String known = type == null ? null : WebhookEventTypes.normalize(type);
      if (known == null) {
        errors.add(
            new Problem.FieldError(
                "types[" + i + "]", "not a run event type (e.g. run.completed, run.failed)"));
      } else {
        out.add(known);
      }
    }
    if (!errors.isEmpty()) {
      throw new CairnException(400, "validation", "Invalid request", "unknown event types", errors);
    }
    return List.copyOf(out);
  }

  private static CairnException missing(UUID id) {
    return CairnException.notFound("webhook " + id + " does not exist");
  }
}
