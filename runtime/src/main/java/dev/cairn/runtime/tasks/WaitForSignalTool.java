package dev.cairn.runtime.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.SignalRow;
import dev.cairn.persistence.store.StepWrite;
import dev.cairn.persistence.store.TimerRow;
import dev.cairn.persistence.store.WaitStore;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepApplier;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepTool;
import dev.cairn.runtime.engine.ToolCallRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code wait_for_signal} tool: the run waits, holding nothing, until a signal of the given
 * name is sent to it over the API ({@code POST /v1/runs/{id}/signals}), or until the optional
 * timeout. A signal sent before the wait is kept and taken at once. The signal is taken (marked
 * consumed) by the step that answers the model with its payload; the timeout's due time is a timer
 * row, durable like a sleep's.
 */
@ApplicationScoped
public class WaitForSignalTool implements StepTool {
  /** The tool's name. */
  public static final String NAME = "wait_for_signal";

  /** A signal name. */
  public static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

  private final WaitStore store;

  /**
   * Creates the tool.
   *
   * @param store timers and signals
   */
  public WaitForSignalTool(WaitStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Waits, without using resources, until a signal named 'name' is sent to this run"
        + " (POST /v1/runs/{id}/signals), or until 'timeoutSeconds' pass. Answers with the"
        + " signal's payload, or with timedOut true.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return Json.parse(
        """
        {"type":"object","properties":{
          "name":{"type":"string","minLength":1,"maxLength":64},
          "timeoutSeconds":{"type":"integer","minimum":1,"maximum":31622400}},
         "required":["name"],"additionalProperties":false}""");
  }

  @Override
  public StepOutcome.ToolOutput call(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now) {
    String name = arguments.path("name").asText();
    if (!SIGNAL_NAME.matcher(name).matches()) {
      return new StepOutcome.ToolOutput(
          "error: a signal name has letters, digits, _ . : - (1-64, starting with a letter or"
              + " digit)",
          true);
    }
    Optional<SignalRow> signal = store.oldestSignal(run.id(), name);
    if (signal.isPresent()) {
      return received(name, signal.get(), call);
    }
    Optional<TimerRow> timer = store.timer(run.id(), call.id());
    if (timer.isPresent()) {
      Instant due = timer.get().dueAt();
      if (due != null && !now.isBefore(due)) {
        return new StepOutcome.ToolOutput(
            Json.object().put("signal", name).put("timedOut", true).toString(), false);
      }
      return waiting(name, due, List.of(WaitStore.wakeIfSignalled(name)));
    }
    Instant due =
        arguments.hasNonNull("timeoutSeconds")
            ? now.plusSeconds(arguments.path("timeoutSeconds").asLong())
            : null;
    return waiting(
        name,
        due,
        List.of(
            WaitStore.startTimer(call.id(), "SIGNAL", due, name), WaitStore.wakeIfSignalled(name)));
  }

  private static StepOutcome.ToolOutput received(
      String name, SignalRow signal, ToolCallRequest call) {
    ObjectNode output = Json.object().put("signal", name);
    output.set("payload", Json.parse(signal.payloadJson()));
    output.put("sentAt", signal.createdAt().toString());
    ObjectNode recorded = Json.object();
    recorded.putObject("signal").put("id", signal.id().toString()).put("name", name);
    return new StepOutcome.ToolOutput(
        output.toString(),
        false,
        new StepOutcome.Effects(
            recorded, List.of(WaitStore.consumeSignal(signal.id(), call.id())), null));
  }

  private static StepOutcome.ToolOutput waiting(String name, Instant due, List<StepWrite> writes) {
    ObjectNode recorded = Json.object();
    recorded.putObject("awaitSignal").put("name", name);
    return new StepOutcome.ToolOutput(
        "",
        false,
        new StepOutcome.Effects(
            recorded,
            writes,
            new StepOutcome.Wait("SIGNAL", due == null ? StepApplier.NEVER : due)));
  }
}
