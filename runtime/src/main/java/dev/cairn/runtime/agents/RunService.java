package dev.cairn.runtime.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cairn.persistence.entity.AgentDefinitionEntity;
import dev.cairn.persistence.store.NewRun;
import dev.cairn.persistence.store.SubmissionStore;
import dev.cairn.persistence.store.SubmitOutcome;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.ModelRoute;
import dev.cairn.runtime.security.SubmissionQuota;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Accepts tasks: pins the definition version and stores the run durably before answering. */
@ApplicationScoped
public class RunService {
  /** Largest serialized input accepted. */
  public static final int MAX_INPUT_BYTES = 64 * 1024;

  private final AgentService agents;
  private final SubmissionStore store;
  private final SubmissionQuota quota;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param agents agent definitions
   * @param store run submission
   * @param quota submissions per tenant
   * @param clock clock
   */
  public RunService(
      AgentService agents, SubmissionStore store, SubmissionQuota quota, Clock clock) {
    this.agents = agents;
    this.store = store;
    this.quota = quota;
    this.clock = clock;
  }

  /**
   * The result of a submission.
   *
   * @param id the run
   * @param replayed true when the idempotency key returned an existing run
   */
  public record Submitted(UUID id, boolean replayed) {}

  /**
   * Submits a task.
   *
   * @param tenantId tenant
   * @param command the task, its fields validated for shape and size
   * @param actor who submits it
   * @return the run id, new or existing
   */
  public Submitted submit(String tenantId, SubmitRun command, String actor) {
    quota.acquire(tenantId);
    AgentDefinitionEntity definition =
        (command.version() == null
                ? agents.latest(tenantId, command.agent())
                : agents.version(tenantId, command.agent(), command.version()))
            .orElseThrow(
                () ->
                    CairnException.notFound(
                        "agent '"
                            + command.agent()
                            + "'"
                            + (command.version() == null ? "" : " version " + command.version())
                            + " does not exist"));
    if (command.input().isNull() || command.input().isMissingNode()) {
      throw CairnException.invalid("input", "must not be null");
    }
    String inputJson = command.input().toString();
    if (inputJson.length() > MAX_INPUT_BYTES) {
      throw CairnException.invalid("input", "larger than " + MAX_INPUT_BYTES + " bytes");
    }
    String inputText = command.input().isTextual() ? command.input().asText() : inputJson;
    String requestHash =
        Hashes.sha256(
            command.agent()
                + "\n"
                + command.version()
                + "\n"
                + command.priority()
                + "\n"
                + inputJson
                + (command.budget() == null ? "" : "\n" + Json.write(command.budget())));
    AgentSpec spec = specOf(definition);
    AgentSpec.Budget budget = Budgets.apply(spec.budget(), command.budget());
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    AgentSpec.Variant variant = ModelRoute.variantOf(spec, id);
    NewRun run =
        new NewRun(
            id,
            tenantId,
            definition.name,
            definition.version,
            inputJson,
            inputText,
            command.idempotencyKey(),
            requestHash,
            command.priority() == null ? 0 : command.priority(),
            now,
            actor,
            Json.write(budget),
            budget.maxDurationSeconds() == null
                ? null
                : now.plusSeconds(budget.maxDurationSeconds()),
            variant == null ? null : variant.name());
    SubmitOutcome outcome = store.submit(run);
    return switch (outcome) {
      case SubmitOutcome.Created created -> new Submitted(created.id(), false);
      case SubmitOutcome.KeyInFlight inFlight ->
          throw CairnException.conflict(
              "a request with this Idempotency-Key is still being processed; retry shortly");
      case SubmitOutcome.KeyUsed used -> {
        if (!used.existing().requestHash().equals(requestHash)) {
          throw CairnException.keyReused(
              "this Idempotency-Key was used with a different request body");
        }
        yield new Submitted(used.existing().id(), true);
      }
    };
  }

  private static AgentSpec specOf(AgentDefinitionEntity definition) {
    try {
      return Json.MAPPER.readValue(definition.spec, AgentSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored definition is not a valid spec", e);
    }
  }
}
