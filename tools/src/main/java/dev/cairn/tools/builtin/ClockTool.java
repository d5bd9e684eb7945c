package dev.cairn.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Tells the current time (UTC, ISO-8601) from the injected clock. */
@ApplicationScoped
public class ClockTool implements Tool {
  private static final JsonNode SCHEMA =
      Schemas.parse(
          """
          {"type":"object","properties":{},"additionalProperties":false}""");
  private final Clock clock;

  /**
   * Creates the tool.
   *
   * @param clock the application clock
   */
  public ClockTool(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "clock";
  }

  @Override
  public String description() {
    return "Returns the current date and time in UTC, ISO-8601.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return SCHEMA;
  }

  @Override
  public SideEffect sideEffect() {
    return SideEffect.READ_ONLY;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    return ToolResult.ok(Instant.now(clock).toString());
  }
}
