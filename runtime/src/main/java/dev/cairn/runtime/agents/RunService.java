package dev.cairn.runtime.agents;

import dev.cairn.persistence.entity.AgentDefinitionEntity;
import dev.cairn.persistence.store.NewRun;
import dev.cairn.persistence.store.SubmissionStore;
import dev.cairn.persistence.store.SubmitOutcome;
import dev.cairn.runtime.api.dev.RunRequest;
import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** Accepts tasks: pins the definition version and stores the run durably before answering. */
@ApplicationScoped
public class RunService {
  /** Largest serialized input accepted. */
  public static final int MAX_INPUT_BYTES = 64 * 1024;

  private final AgentService agents;
  private final SubmissionStore store;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param agents agent definitions
   * @param store run submission
   * @param clock clock
   */
  public RunService(AgentService agents, SubmissionStore store, Clock clock) {
    this.agents = agents;
    this.store = store;
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
   * @param request the validated request
   * @param idempotencyKey the client's key, or null
   * @return the run id, new or existing
   */
  public Submitted submit(String tenantId, RunRequest request, String idempotencyKey) {
    AgentDefinitionEntity definition =
        (request.version() == null
                ? agents.latest(tenantId, request.agent())
                : agents.version(tenantId, request.agent(), request.version()))
            .orElseThrow(
                () ->
                    CairnException.notFound(
                        "agent '"
                            + request.agent()
                            + "'"
                            + (request.version() == null ? "" : " version " + request.version())
                            + " does not exist"));
    if (request.input().isNull() || request.input().isMissingNode()) {
      throw CairnException.invalid("input", "must not be null");
    }
    String inputJson = request.input().toString();
    if (inputJson.length() > MAX_INPUT_BYTES) {
      throw CairnException.invalid("input", "larger than " + MAX_INPUT_BYTES + " bytes");
    }
    String inputText = request.input().isTextual() ? request.input().asText() : inputJson;
    String requestHash =
        Hashes.sha256(
            request.agent()
                + "\n"
                + request.version()
                + "\n"
                + request.priority()
                + "\n"
                + inputJson);
    NewRun run =
        new NewRun(
            UUID.randomUUID(),
            tenantId,
            definition.name,
            definition.version,
            inputJson,
            inputText,
            idempotencyKey,
            requestHash,
            request.priority() == null ? 0 : request.priority(),
            clock.instant());
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
}
