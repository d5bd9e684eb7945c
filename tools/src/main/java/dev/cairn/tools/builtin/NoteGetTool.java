package dev.cairn.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.NotePad;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a note saved by {@link NotePutTool}. */
@ApplicationScoped
public class NoteGetTool implements Tool {
  private static final JsonNode SCHEMA =
      Schemas.parse(
          """
          {"type":"object","properties":{
          "key":{"type":"string","maxLength":200,"description":"Note name"}},
          "required":["key"],"additionalProperties":false}""");
  private final NotePad notePad;

  /**
   * Creates the tool.
   *
   * @param notePad where notes are stored
   */
  public NoteGetTool(NotePad notePad) {
    this.notePad = notePad;
  }

  @Override
  public String name() {
    return "notes_get";
  }

  @Override
  public String description() {
    return "Reads the note saved under a key.";
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
  public ToolResult execute(ToolInvocation call) {
    String key = call.arguments().get("key").asText();
    return notePad
        .get(call.tenantId(), call.agentName(), key)
        .map(ToolResult::ok)
        .orElseGet(() -> ToolResult.error("no note named '" + key + "'"));
  }
}
