package dev.cairn.runtime.events.webhooks;

import dev.cairn.runtime.events.CloudEvents;
import java.util.Set;

/** The run event types a subscription may name (docs/events.md describes each). */
public final class WebhookEventTypes {
  /** Every type runs write, without the CloudEvents prefix. */
  public static final Set<String> KNOWN =
      Set.of(
          "run.submitted",
          "run.step.committed",
          "run.waiting",
          "run.paused",
          "run.needs_reconciliation",
          "run.completed",
          "run.failed",
          "run.cancelled",
          "run.budget_exceeded",
          "run.quarantined",
          "run.resumed",
          "run.steered",
          "run.budget_raised",
          "run.retried",
          "run.reconciled",
          "run.approval.requested",
          "run.approval.decided");

  private WebhookEventTypes() {}

  /**
   * The stored form of a type a client named, with or without the {@code dev.cairn.} prefix.
   *
   * @param type as given
   * @return the type without prefix, or null when it is not a known type
   */
  public static String normalize(String type) {
    String bare =
        type.startsWith(CloudEvents.TYPE_PREFIX)
            ? type.substring(CloudEvents.TYPE_PREFIX.length())
            : type;
    return KNOWN.contains(bare) ? bare : null;
  }
}
