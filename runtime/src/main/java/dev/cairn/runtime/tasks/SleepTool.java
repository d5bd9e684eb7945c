package dev.cairn.runtime.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.TimerRow;
import dev.cairn.persistence.store.WaitStore;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepTool;
import dev.cairn.runtime.engine.ToolCallRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sleep} tool: the run waits for a number of seconds or until a time, holding no worker
 * and no lease. The due time is a timer row written by the step that starts the sleep, so it
 * survives restarts and a pause (a resumed run's call finds it and sleeps on until it); the run's
 * {@code wake_at} makes the claim pick the run up when it is due.
 */
@ApplicationScoped
public class SleepTool implements StepTool {
  /** The tool's name. */
  public static final String NAME = "sleep";

  /** Longest sleep: a year and a day. */
  public static final Duration MAX = Duration.ofDays(366);

  private final WaitStore store;

  /**
   * Creates the tool.
   *
   * @param store timers
   */
  public SleepTool(WaitStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Waits, without using resources, for 'seconds' or until 'until' (an ISO-8601 instant,"
        + " e.g. 2030-01-01T09:00:00Z); give exactly one. Answers when the time has come.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return Json.parse(
        """
        {"type":"object","properties":{
          "seconds":{"type":"integer","minimum":1,"maximum":31622400},
          "until":{"type":"string","maxLength":64}},
         "additionalProperties":false}""");
  }

  @Override
  public StepOutcome.ToolOutput call(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now) {
    Optional<TimerRow> timer = store.timer(run.id(), call.id());
    if (timer.isPresent()) {
      Instant due = timer.get().dueAt();
      return now.isBefore(due) ? sleep(due, List.of()) : awake(due, now);
    }
    boolean seconds = arguments.hasNonNull("seconds");
    boolean until = arguments.hasNonNull("until");
    if (seconds == until) {
      return error("give exactly one of 'seconds' and 'until'");
    }
    Instant due;
    if (seconds) {
      long s = arguments.path("seconds").asLong();
      if (s < 1 || s > MAX.toSeconds()) {
        return error("'seconds' must be between 1 and " + MAX.toSeconds());
      }
      due = now.plusSeconds(s);
    } else {
      try {
        due = Instant.parse(arguments.path("until").asText());
      } catch (DateTimeParseException e) {
        return error("'until' is not an ISO-8601 instant such as 2030-01-01T09:00:00Z");
      }
      if (due.isAfter(now.plus(MAX))) {
        return error("'until' is more than " + MAX.toDays() + " days away");
      }
      if (!due.isAfter(now)) {
        return awake(due, now);
      }
    }
    return sleep(due, List.of(WaitStore.startTimer(call.id(), "SLEEP", due, null)));
  }

  private static StepOutcome.ToolOutput sleep(
      Instant due, List<dev.cairn.persistence.store.StepWrite> writes) {
    return new StepOutcome.ToolOutput(
        "",
        false,
        new StepOutcome.Effects(
            Json.object().putObject("sleep").put("until", due.toString()),
            writes,
            new StepOutcome.Wait("TIMER", due)));
  }

  private static StepOutcome.ToolOutput awake(Instant due, Instant now) {
    return new StepOutcome.ToolOutput(
        Json.object().put("sleptUntil", due.toString()).put("now", now.toString()).toString(),
        false);
  }

  private static StepOutcome.ToolOutput error(String why) {
    return new StepOutcome.ToolOutput("error: " + why, true);
  }
}
