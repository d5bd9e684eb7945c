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
 * {@code remember}: writes a new version of a memory item in the step's own commit (a crash before
 * the commit leaves nothing; a concurrent writer of the same key leaves its own version too). The
 * text is embedded now, outside any transaction.
 */
@ApplicationScoped
public class RememberTool implements StepTool {
  /** The tool's name. */
  public static final String NAME = "remember";

  private static final JsonNode SCHEMA =
      Json.parse(
          """
          {"type":"object","properties":{
          "key":{"type":"string","maxLength":200,"description":"Item name: letters, digits, . _ : @ -"},
          "content":{"type":"string","maxLength":8192,"description":"What to remember"},
          "namespace":{"type":"string","maxLength":200,"description":"Optional partition, e.g. an end user's id"},
          "origin":{"type":"string","maxLength":10,"description":"Where the text came from: agent (default), tool or web"},
          "source":{"type":"string","maxLength":500,"description":"Optional detail of the origin: a tool name or URL"}},
          "required":["key","content"],"additionalProperties":false}""");

  private final MemoryEmbeddings embeddings;

  /**
   * Creates the tool.
   *
   * @param embeddings the embedding model
   */
  public RememberTool(MemoryEmbeddings embeddings) {
    this.embeddings = embeddings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Remembers a text under a key for later runs of this agent; a new version replaces the"
        + " previous one, which stays in the history.";
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
    String content = ToolArguments.text(arguments, "content", "");
    var problem =
        ToolArguments.keyProblem(key, namespace)
            .or(() -> MemoryLimits.contentProblem(content).map(p -> "error: content " + p));
    if (problem.isPresent()) {
      return new StepOutcome.ToolOutput(problem.get(), true);
    }
    var declared = Origin.parse(ToolArguments.text(arguments, "origin", "agent"));
    if (declared.isEmpty() || declared.get() == Origin.PERSON) {
      return new StepOutcome.ToolOutput("error: origin must be agent, tool or web", true);
    }
    ContentOrigin origin =
        ContentOrigin.of(
            declared.get(), ToolArguments.text(arguments, "source", null), content, run.messages());
    NewMemoryVersion version =
        new NewMemoryVersion(
            content,
            origin.origin().id(),
            origin.source(),
            false,
            false,
            ToolArguments.actor(run.agentName()),
            embeddings.embed(content),
            null,
            0,
            now);
    MemoryKey item = new MemoryKey(run.tenantId(), run.agentName(), namespace, key);
    ObjectNode recorded = Json.object();
    recorded
        .putObject("memory")
        .put("op", NAME)
        .put("key", key)
        .put("namespace", namespace)
        .put("origin", origin.origin().id())
        .put("chars", content.length());
    return new StepOutcome.ToolOutput(
        "remembered '" + key + "'",
        false,
        new StepOutcome.Effects(recorded, List.of(MemoryStore.stepWrite(item, version)), null));
  }
}
