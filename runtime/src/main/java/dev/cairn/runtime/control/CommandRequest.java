package dev.cairn.runtime.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.Json;
import java.util.UUID;

/** What an operator asks of a run; each kind stores its arguments as the command's payload. */
public sealed interface CommandRequest {
  /**
   * The command's kind.
   *
   * @return the kind
   */
  CommandKind kind();

  /**
   * The arguments as stored in {@code operator_command.payload}.
   *
   * @return the payload
   */
  ObjectNode payload();

  /**
   * A command without arguments: pause, resume, cancel or retry.
   *
   * @param kind the kind
   */
  record Plain(CommandKind kind) implements CommandRequest {
    /**
     * Checks the kind takes no arguments.
     *
     * @param kind the kind
     */
    public Plain {
      switch (kind) {
        case PAUSE, RESUME, CANCEL, RETRY -> {}
        default -> throw new IllegalArgumentException(kind + " takes arguments");
      }
    }

    @Override
    public ObjectNode payload() {
      return Json.object();
    }
  }

  /**
   * Guidance the agent receives before its next model call.
   *
   * @param text the guidance
   */
  record Steer(String text) implements CommandRequest {
    @Override
    public CommandKind kind() {
      return CommandKind.STEER;
    }

    @Override
    public ObjectNode payload() {
      return Json.object().put("text", text);
    }
  }

  /**
   * Allows one pending tool call with exactly the arguments the operator saw.
   *
   * @param approvalId the approval record
   * @param argumentsHash the hash of the arguments the operator approved
   */
  record Approve(UUID approvalId, String argumentsHash) implements CommandRequest {
    @Override
    public CommandKind kind() {
      return CommandKind.APPROVE;
    }

    @Override
    public ObjectNode payload() {
      return Json.object()
          .put("approvalId", approvalId.toString())
          .put("argumentsHash", argumentsHash);
    }
  }

  /**
   * Refuses one pending tool call; the model is told the reason.
   *
   * @param approvalId the approval record
   * @param reason why
   */
  record Reject(UUID approvalId, String reason) implements CommandRequest {
    @Override
    public CommandKind kind() {
      return CommandKind.REJECT;
    }

    @Override
    public ObjectNode payload() {
      return Json.object().put("approvalId", approvalId.toString()).put("reason", reason);
    }
  }

  /**
   * States whether the uncertain effect of an interrupted call happened.
   *
   * @param happened whether it happened
   * @param note what the operator found, or null
   */
  record Reconcile(boolean happened, String note) implements CommandRequest {
    @Override
    public CommandKind kind() {
      return CommandKind.RECONCILE;
    }

    @Override
    public ObjectNode payload() {
      ObjectNode payload = Json.object().put("happened", happened);
      if (note != null) {
        payload.put("note", note);
      }
      return payload;
    }
  }

  /**
   * Raises one or more of the run's limits; a null limit stays as it is.
   *
   * @param maxSteps new most steps
   * @param maxModelCalls new most model calls
   * @param maxTokens new most tokens
   * @param maxCostMicros new most cost, in micros
   * @param maxDurationSeconds new wall-clock limit after submission
   */
  record RaiseBudget(
      Integer maxSteps,
      Integer maxModelCalls,
      Long maxTokens,
      Long maxCostMicros,
      Long maxDurationSeconds)
      implements CommandRequest {
    @Override
    public CommandKind kind() {
      return CommandKind.RAISE_BUDGET;
    }

    @Override
    public ObjectNode payload() {
      ObjectNode payload = Json.object();
      if (maxSteps != null) {
        payload.put("maxSteps", maxSteps);
      }
      if (maxModelCalls != null) {
        payload.put("maxModelCalls", maxModelCalls);
      }
      if (maxTokens != null) {
        payload.put("maxTokens", maxTokens);
      }
      if (maxCostMicros != null) {
        payload.put("maxCostMicros", maxCostMicros);
      }
      if (maxDurationSeconds != null) {
        payload.put("maxDurationSeconds", maxDurationSeconds);
      }
      return payload;
    }
  }
}
