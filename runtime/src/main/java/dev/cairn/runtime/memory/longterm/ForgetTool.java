package dev.cairn.runtime.memory.longterm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.MemoryKey;
import dev.cairn.persistence.store.MemoryStore;
import dev.cairn.persistence.store.NewMemoryVersion;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepTool;
import dev.cairn.runtime.engine.ToolCallRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * {@code forget}: writes a tombstone version of a memory item in the step's own commit. The item's
 * history stays for auditors; recall and listings no longer show it.
 */
@ApplicationScoped
public class ForgetTool implements StepTool {
  /** The tool's name. */
  public static final String NAME = "forget";

  private static final JsonNode SCHEMA =
      Json.parse(
          """
          {"type":"object","properties":{
          "key":{"type":"string","maxLength":200,"description":"Item name"},
          "namespace":{"type":"string","maxLength":200,"description":"Optional partition"}},
          "required":["key"],"additionalProperties":false}""");

  private final MemoryStore store;

  /**
   * Creates the tool.
   *
   * @param store items
   */
  public ForgetTool(MemoryStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Forgets the memory stored under a key.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return SCHEMA;
  }

  @Override
  public StepOutcome.ToolOutput call(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now) {
    String key = ToolArguments.text(arguments, "key", "");
    String namespace = ToolArguments.namespace(arguments);
    var problem = ToolArguments.keyProblem(key, namespace);
    if (problem.isPresent()) {
      return new StepOutcome.ToolOutput(problem.get(), true);
    }
    MemoryKey item = new MemoryKey(run.tenantId(), run.agentName(), namespace, key);
    if (store.head(item).filter(h -> !h.tombstone()).isEmpty()) {
      return new StepOutcome.ToolOutput("error: no memory '" + key + "'", true);
    }
    NewMemoryVersion tombstone =
        new NewMemoryVersion(
            "",
            Origin.AGENT.id(),
            null,
            false,
            true,
            ToolArguments.actor(run.agentName()),
            null,
            null,
            0,
            now);
    ObjectNode recorded = Json.object();
    recorded.putObject("memory").put("op", NAME).put("key", key).put("namespace", namespace);
    return new StepOutcome.ToolOutput(
        "forgot '" + key + "'",
        false,
        new StepOutcome.Effects(recorded, List.of(MemoryStore.stepWrite(item, tombstone)), null));
  }
}
