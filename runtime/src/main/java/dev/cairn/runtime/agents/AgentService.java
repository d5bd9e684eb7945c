package dev.cairn.runtime.agents;

import dev.cairn.persistence.entity.AgentDefinitionEntity;
import dev.cairn.persistence.entity.AgentDefinitionRepository;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.memory.ShortTermMemory;
import dev.cairn.runtime.security.TenantId;
import dev.cairn.runtime.security.TenantTransactional;
import dev.cairn.tools.ToolCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Publishes and reads agent definitions; turns commands into normalized, immutable specs. */
@ApplicationScoped
public class AgentService {
  /** Default per-run limits. */
  public static final AgentSpec.Budget DEFAULT_BUDGET = new AgentSpec.Budget(100, 50, 1_000_000, 3);

  private final AgentDefinitionRepository definitions;
  private final ToolCatalog tools;
  private final Clock clock;
  private final Set<String> credentials;
  private final ShortTermMemory memory;

  /**
   * Creates the service.
   *
   * @param definitions definition storage
   * @param tools available tools
   * @param clock clock
   * @param config configuration (the names of provider credentials)
   * @param memory short-term memory (each model's context window)
   */
  public AgentService(
      AgentDefinitionRepository definitions,
      ToolCatalog tools,
      Clock clock,
      CairnConfig config,
      ShortTermMemory memory) {
    this.definitions = definitions;
    this.tools = tools;
    this.clock = clock;
    this.credentials = Set.copyOf(config.credentials().keySet());
    this.memory = memory;
  }

  /**
   * Publishes a definition as the next version (or returns the latest if identical).
   *
   * @param tenantId tenant
   * @param command the definition, its fields validated for shape and size
   * @param actor who publishes it
   * @return the stored version
   */
  @TenantTransactional
  public AgentDefinitionEntity publish(
      @TenantId String tenantId, PublishAgent command, String actor) {
    AgentSpec spec = toSpec(command);
    memory
        .windowProblem(spec)
        .ifPresent(
            problem -> {
              throw CairnException.invalid("systemPrompt", problem);
            });
    String json = Json.write(spec);
    return definitions.publish(
        tenantId, command.name(), json, Hashes.sha256(json), clock.instant(), actor);
  }

  /**
   * The latest version of an agent.
   *
   * @param tenantId tenant
   * @param name agent name
   * @return the latest version
   */
  @TenantTransactional
  public Optional<AgentDefinitionEntity> latest(@TenantId String tenantId, String name) {
    return definitions.latest(tenantId, name);
  }

  /**
   * One version of an agent.
   *
   * @param tenantId tenant
   * @param name agent name
   * @param version version
   * @return the version
   */
  @TenantTransactional
  public Optional<AgentDefinitionEntity> version(
      @TenantId String tenantId, String name, int version) {
    return definitions.version(tenantId, name, version);
  }

  /**
   * Versions of an agent, newest first.
   *
   * @param tenantId tenant
   * @param name agent name
   * @return at most 100 versions
   */
  @TenantTransactional
  public List<AgentDefinitionEntity> versions(@TenantId String tenantId, String name) {
    return definitions.versions(tenantId, name, 100);
  }

  /**
   * The latest version of each agent.
   *
   * @param tenantId tenant
   * @return at most 500 agents
   */
  @TenantTransactional
  public List<AgentDefinitionEntity> list(@TenantId String tenantId) {
    return definitions.latestOfEach(tenantId, 500);
  }

  AgentSpec toSpec(PublishAgent command) {
    List<String> toolNames =
        command.tools() == null ? List.of() : List.copyOf(new LinkedHashSet<>(command.tools()));
    for (int i = 0; i < toolNames.size(); i++) {
      if (!tools.isKnown(toolNames.get(i))) {
        throw CairnException.invalid(
            "tools[" + i + "]",
            "unknown tool '" + toolNames.get(i) + "'; available: " + tools.all().keySet());
      }
    }
    AgentSpec.Budget budget = Budgets.apply(DEFAULT_BUDGET, command.budget());
    return new AgentSpec(
        command.description(),
        command.systemPrompt(),
        toModel(command.model()),
        toolNames,
        budget,
        approvals(command.approvals(), toolNames),
        command.payloadDays() == null ? null : new AgentSpec.Retention(command.payloadDays()));
  }

  /**
   * Checks a model choice (provider, name, configured credential, script) and makes it a spec.
   *
   * @param model the model
   * @return its spec
   * @throws CairnException invalid, naming the field under {@code model.}
   */
  public AgentSpec.ModelSpec toModel(PublishAgent.Model model) {
    if ("openai".equals(model.provider()) && (model.name() == null || model.name().isBlank())) {
      throw CairnException.invalid("model.name", "required for provider openai");
    }
    if (model.credential() != null) {
      if (!"openai".equals(model.provider())) {
        throw CairnException.invalid("model.credential", "only the openai provider takes one");
      }
      if (!credentials.contains(model.credential())) {
        throw CairnException.invalid(
            "model.credential",
            "no credential '"
                + model.credential()
                + "' is configured; configured: "
                + new TreeSet<>(credentials));
      }
    }
    List<AgentSpec.ScriptTurn> script = new ArrayList<>();
    if (model.script() != null) {
      if (!"scripted".equals(model.provider())) {
        throw CairnException.invalid("model.script", "only the scripted provider takes a script");
      }
      for (PublishAgent.Turn turn : model.script()) {
        script.add(toTurn(turn));
      }
    }
    return new AgentSpec.ModelSpec(
        model.provider(),
        model.name() == null ? model.provider() : model.name(),
        model.temperature(),
        List.copyOf(script),
        model.credential(),
        model.maxOutputTokens());
  }

  private static AgentSpec.Approvals approvals(
      PublishAgent.Approvals approvals, List<String> toolNames) {
    if (approvals == null) {
      return null;
    }
    List<String> named =
        approvals.tools() == null ? List.of() : List.copyOf(new LinkedHashSet<>(approvals.tools()));
    for (int i = 0; i < named.size(); i++) {
      if (!toolNames.contains(named.get(i))) {
        throw CairnException.invalid(
            "approvals.tools[" + i + "]",
            "'" + named.get(i) + "' is not one of the agent's tools " + toolNames);
      }
    }
    boolean allNonReadOnly = Boolean.TRUE.equals(approvals.allNonReadOnly());
    if (named.isEmpty() && !allNonReadOnly) {
      return null;
    }
    return new AgentSpec.Approvals(named, allNonReadOnly);
  }

  private static AgentSpec.ScriptTurn toTurn(PublishAgent.Turn turn) {
    List<AgentSpec.ScriptToolCall> calls = new ArrayList<>();
    if (turn.toolCalls() != null) {
      for (PublishAgent.ToolCall call : turn.toolCalls()) {
        String arguments = call.argumentsJson() == null ? "{}" : call.argumentsJson();
        calls.add(new AgentSpec.ScriptToolCall(call.name(), arguments));
      }
    }
    if (calls.isEmpty() && turn.text() == null) {
      throw CairnException.invalid("model.script", "each turn needs text or toolCalls");
    }
    return new AgentSpec.ScriptTurn(
        turn.text(), List.copyOf(calls), turn.delayMs() == null ? 0 : turn.delayMs());
  }
}
