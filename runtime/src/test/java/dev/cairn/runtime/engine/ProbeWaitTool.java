package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A step tool for tests: its first call waits {@code seconds} and writes a probe row with its step;
 * the call made when the run wakes answers "woke". The probe table exists only in tests.
 */
@ApplicationScoped
public class ProbeWaitTool implements StepTool {
  static final String NAME = "probe_wait";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Waits the given number of seconds (test probe).";
  }

  @Override
  public JsonNode argumentsSchema() {
    return Json.parse(
        "{\"type\":\"object\",\"properties\":{\"seconds\":{\"type\":\"integer\",\"minimum\":0}},"
            + "\"required\":[\"seconds\"],\"additionalProperties\":false}");
  }

  @Override
  public StepOutcome.ToolOutput call(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now) {
    if ("TIMER".equals(run.control().waitReason())) {
      return new StepOutcome.ToolOutput("woke", false);
    }
    Instant wakeAt = now.plus(Duration.ofSeconds(arguments.path("seconds").asLong()));
    return new StepOutcome.ToolOutput(
        "",
        false,
        new StepOutcome.Effects(
            Json.object().put("probe", true),
            List.of(
                (connection, step) -> {
                  try (PreparedStatement ps =
                      connection.prepareStatement(
                          "INSERT INTO step_write_probe (run_id, seq) VALUES (?, ?)")) {
                    ps.setObject(1, step.runId());
                    ps.setInt(2, step.checkpoint().seq());
                    ps.executeUpdate();
                  }
                }),
            new StepOutcome.Wait("TIMER", wakeAt)));
  }
}
