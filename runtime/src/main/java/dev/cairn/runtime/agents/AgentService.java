package dev.cairn.runtime.agents;

import dev.cairn.persistence.entity.AgentDefinitionEntity;
import dev.cairn.persistence.entity.AgentDefinitionRepository;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.ResultSchemas;
import dev.cairn.runtime.memory.ShortTermMemory;
import dev.cairn.runtime.model.ModelProviders;
import dev.cairn.runtime.model.ProviderSettings;
import dev.cairn.runtime.security.TenantId;
import dev.cairn.runtime.security.TenantTransactional;
import dev.cairn.tools.ToolCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Publishes and reads agent definitions; turns commands into normalized, immutable specs. */
@ApplicationScoped
public class AgentService {
  /** Default per-run limits. */
  public static final AgentSpec.Budget DEFAULT_BUDGET = new AgentSpec.Budget(100, 50, 1_000_000, 3);

  private static final int MAX_FALLBACKS = 4;
  private static final int MAX_VARIANTS = 8;
  private static final int MAX_WEIGHT = 1000;
  private static final Pattern VARIANT_NAME = Pattern.compile("[a-z0-9_-]{1,32}");

  private final AgentDefinitionRepository definitions;
  private final ToolCatalog tools;
  private final Clock clock;
  private final ProviderSettings providers;
  private final ShortTermMemory memory;
  private final ResultSchemas resultSchemas = new ResultSchemas();

  /**
   * Creates the service.
   *
   * @param definitions definition storage
   * @param tools available tools
   * @param clock clock
   * @param providers the known providers and their configured endpoints and credentials
   * @param memory short-term memory (each model's context window)
   */
  public AgentService(
      AgentDefinitionRepository definitions,
      ToolCatalog tools,
      Clock clock,
      ProviderSettings providers,
      ShortTermMemory memory) {
    this.definitions = definitions;
    this.tools = tools;
    this.clock = clock;
    this.providers = providers;
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

  /**
   * A page of the latest version of each agent, by name (keyset on the name).
   *
   * @param tenantId tenant
   * @param afterName only agents after this name (null for the first page)
   * @param limit page size, 1 to 500
   * @return at most {@code limit} agents
   */
  @TenantTransactional
  public List<AgentDefinitionEntity> page(@TenantId String tenantId, String afterName, int limit) {
    return definitions.latestOfEachAfter(tenantId, afterName, Math.clamp(limit, 1, 500));
  }

  /**
   * A page of an agent's versions, newest first (keyset on the version).
   *
   * @param tenantId tenant
   * @param name agent name
   * @param beforeVersion only versions below this ({@link Integer#MAX_VALUE} for the first page)
   * @param limit page size, 1 to 100
   * @return at most {@code limit} versions
   */
  @TenantTransactional
  public List<AgentDefinitionEntity> versionsPage(
      @TenantId String tenantId, String name, int beforeVersion, int limit) {
    return definitions.versionsBefore(tenantId, name, beforeVersion, Math.clamp(limit, 1, 100));
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
        command.payloadDays() == null ? null : new AgentSpec.Retention(command.payloadDays()),
        fallbacks(command.fallbacks()),
        variants(command.variants()),
        result(command.result()));
  }

  private List<AgentSpec.ModelSpec> fallbacks(List<PublishAgent.Model> fallbacks) {
    if (fallbacks == null || fallbacks.isEmpty()) {
      return null;
    }
    if (fallbacks.size() > MAX_FALLBACKS) {
      throw CairnException.invalid(
          "fallbacks", "at most " + MAX_FALLBACKS + " fallback models, got " + fallbacks.size());
    }
    List<AgentSpec.ModelSpec> models = new ArrayList<>();
    for (int i = 0; i < fallbacks.size(); i++) {
      models.add(toModel(fallbacks.get(i), "fallbacks[" + i + "]"));
    }
    return List.copyOf(models);
  }

  private List<AgentSpec.Variant> variants(List<PublishAgent.Variant> variants) {
    if (variants == null) {
      return null;
    }
    if (variants.size() < 2 || variants.size() > MAX_VARIANTS) {
      throw CairnException.invalid(
          "variants",
          "an A/B split needs 2 to " + MAX_VARIANTS + " variants, got " + variants.size());
    }
    Set<String> names = new HashSet<>();
    List<AgentSpec.Variant> result = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      PublishAgent.Variant v = variants.get(i);
      String field = "variants[" + i + "]";
      if (v == null) {
        throw CairnException.invalid(field, "must not be null");
      }
      if (v.name() == null || !VARIANT_NAME.matcher(v.name()).matches()) {
        throw CairnException.invalid(
            field + ".name", "1 to 32 of lower-case letters, digits, '_' and '-'");
      }
      if (!names.add(v.name())) {
        throw CairnException.invalid(field + ".name", "'" + v.name() + "' is used twice");
      }
      if (v.weight() == null || v.weight() < 1 || v.weight() > MAX_WEIGHT) {
        throw CairnException.invalid(field + ".weight", "an integer from 1 to " + MAX_WEIGHT);
      }
      if (v.model() == null) {
        throw CairnException.invalid(field + ".model", "required");
      }
      result.add(new AgentSpec.Variant(v.name(), v.weight(), toModel(v.model(), field + ".model")));
    }
    return List.copyOf(result);
  }

  /** Retries of a non-matching final answer when the definition names none. */
  static final int DEFAULT_RESULT_RETRIES = 2;

  /** Most retries of a non-matching final answer a definition may ask for. */
  static final int MAX_RESULT_RETRIES = 5;

  private AgentSpec.ResultSpec result(PublishAgent.Result result) {
    if (result == null) {
      return null;
    }
    int retries = result.maxRetries() == null ? DEFAULT_RESULT_RETRIES : result.maxRetries();
    if (retries < 0 || retries > MAX_RESULT_RETRIES) {
      throw CairnException.invalid(
          "result.maxRetries", "must be between 0 and " + MAX_RESULT_RETRIES);
    }
    resultSchemas
        .problem(result.schema())
        .ifPresent(
            problem -> {
              throw CairnException.invalid("result.schema", problem);
            });
    return new AgentSpec.ResultSpec(result.schema(), retries);
  }

  /**
   * Checks a model choice (provider, name, configured credential, script) and makes it a spec.
   *
   * @param model the model
   * @return its spec
   * @throws CairnException invalid, naming the field under {@code model.}
   */
  public AgentSpec.ModelSpec toModel(PublishAgent.Model model) {
    return toModel(model, "model");
  }

  private AgentSpec.ModelSpec toModel(PublishAgent.Model model, String field) {
    if (model == null || model.provider() == null || model.provider().isBlank()) {
      throw CairnException.invalid(field + ".provider", "required");
    }
    providers
        .problem(model.provider(), model.credential())
        .ifPresent(
            problem -> {
              throw CairnException.invalid(field + "." + problem.field(), problem.message());
            });
    if (ModelProviders.isRemote(model.provider())
        && (model.name() == null || model.name().isBlank())) {
      throw CairnException.invalid(field + ".name", "required for provider " + model.provider());
    }
    List<AgentSpec.ScriptTurn> script = new ArrayList<>();
    if (model.script() != null) {
      if (!"scripted".equals(model.provider())) {
        throw CairnException.invalid(
            field + ".script", "only the scripted provider takes a script");
      }
      for (PublishAgent.Turn turn : model.script()) {
        script.add(toTurn(turn, field));
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

  private static AgentSpec.ScriptTurn toTurn(PublishAgent.Turn turn, String field) {
    List<AgentSpec.ScriptToolCall> calls = new ArrayList<>();
    if (turn.toolCalls() != null) {
      for (PublishAgent.ToolCall call : turn.toolCalls()) {
        String arguments = call.argumentsJson() == null ? "{}" : call.argumentsJson();
        calls.add(new AgentSpec.ScriptToolCall(call.name(), arguments));
      }
    }
    if (calls.isEmpty() && turn.text() == null) {
      throw CairnException.invalid(field + ".script", "each turn needs text or toolCalls");
    }
    return new AgentSpec.ScriptTurn(
        turn.text(), List.copyOf(calls), turn.delayMs() == null ? 0 : turn.delayMs());
  }
}
