package dev.cairn.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.NotePad;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;

/** Stores a note the agent can read back later, in this or another run. */
@ApplicationScoped
public class NotePutTool implements Tool {
  private static final JsonNode SCHEMA =
      Schemas.parse(
          """
          {"type":"object","properties":{
          "key":{"type":"string","maxLength":200,"description":"Note name"},
          "value":{"type":"string","maxLength":8000,"description":"Note text"}},
          "required":["key","value"],"additionalProperties":false}""");
  private final NotePad notePad;

  /**
   * Creates the tool.
   *
   * @param notePad where notes are stored
   */
  public NotePutTool(NotePad notePad) {
    this.notePad = notePad;
  }

  @Override
  public String name() {
    return "notes_put";
  }

  @Override
  public String description() {
    return "Saves a note under a key, replacing any note with that key.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return SCHEMA;
  }

  @Override
  public SideEffect sideEffect() {
    return SideEffect.IDEMPOTENT;
  }

  @Override
  public ToolResult execute(ToolInvocation call) {
    String key = call.arguments().get("key").asText();
    // A re-run of this call (same idempotency key) writes nothing and reports the same outcome.
    notePad.put(
        call.tenantId(),
        call.agentName(),
        key,
        call.arguments().get("value").asText(),
        call.runId(),
        call.idempotencyKey());
    return ToolResult.ok("saved note '" + key + "'");
  }
}
