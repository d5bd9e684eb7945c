package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.NewEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The run events a step writes with its checkpoint, in the order they get their seqs: what
 * operators did (resumed, steered, approval decided), the approvals the run now asks for, the step
 * itself, and last the status the step left the run in. The schema is documented in docs/events.md;
 * every data object carries {@code stepSeq} and {@code status} (after the step).
 */
public final class StepEvents {
  /** Schema version of the events' data, published as the CloudEvents dataschema. */
  public static final int SCHEMA_VERSION = 1;

  private StepEvents() {}

  /**
   * The events of one step.
   *
   * @param before the run before the step
   * @param result the step's result
   * @return events in seq order; never empty
   */
  public static List<NewEvent> of(RunSnapshot before, StepResult result) {
    RunSnapshot next = result.next();
    List<NewEvent> events = new ArrayList<>(2);
    ControlChanges control = result.control();
    if (control != null) {
      for (ControlChanges.CommandResult command : control.commands()) {
        if (!command.applied()) {
          continue;
        }
        String type =
            switch (command.kind()) {
              case RESUME -> "run.resumed";
              case STEER -> "run.steered";
              case RAISE_BUDGET -> "run.budget_raised";
              case RETRY -> "run.retried";
              case RECONCILE -> "run.reconciled";
              default -> null; // pause, cancel: the status event says it; approvals below
            };
        if (type != null) {
          events.add(
              event(
                  type,
                  base(next)
                      .put("commandId", command.id().toString())
                      .put("actor", command.actor())));
        }
      }
      for (ControlChanges.ApprovalUpdate update : control.approvalUpdates()) {
        if ("APPROVED".equals(update.state()) || "REJECTED".equals(update.state())) {
          ObjectNode data =
              base(next)
                  .put("approvalId", update.id().toString())
                  .put("decision", update.state())
                  .put("actor", update.actor());
          if (update.reason() != null) {
            data.put("reason", update.reason());
          }
          events.add(event("run.approval.decided", data));
        }
      }
      for (ControlChanges.NewApproval approval : control.newApprovals()) {
        events.add(
            event(
                "run.approval.requested",
                base(next)
                    .put("approvalId", approval.id().toString())
                    .put("toolName", approval.toolName())
                    .put("toolCallId", approval.toolCallId())
                    .put("argumentsHash", approval.argumentsHash())));
      }
    }
    events.add(
        event(
            "run.step.committed",
            base(next)
                .put("kind", result.kind())
                .put("inputTokens", result.inputTokens())
                .put("outputTokens", result.outputTokens())));
    if (next.status() != before.status()) {
      NewEvent status = statusEvent(next, result);
      if (status != null) {
        events.add(status);
      }
    }
    return events;
  }

  private static NewEvent statusEvent(RunSnapshot next, StepResult result) {
    ObjectNode data = base(next);
    switch (next.status()) {
      case WAITING -> {
        data.put("reason", result.waitReason());
        if (result.wakeAt() != null) {
          data.put("wakeAt", result.wakeAt().toString());
        }
      }
      case PAUSED, NEEDS_RECONCILIATION -> {
        if (next.control().attention() != null) {
          data.put("reason", next.control().attention());
        }
      }
      case FAILED, BUDGET_EXCEEDED, QUARANTINED, CANCELLED -> {
        if (result.error() != null) {
          data.set("error", result.error());
        }
      }
      case COMPLETED -> {}
      case QUEUED, RUNNING -> {
        return null; // the step event shows a run that goes on
      }
    }
    return event("run." + next.status().name().toLowerCase(), data);
  }

  private static ObjectNode base(RunSnapshot next) {
    return Json.object().put("stepSeq", next.stepCount()).put("status", next.status().name());
  }

  private static NewEvent event(String type, ObjectNode data) {
    return new NewEvent(type, data.toString());
  }
}
