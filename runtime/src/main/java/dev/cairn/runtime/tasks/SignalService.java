package dev.cairn.runtime.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.NewSignal;
import dev.cairn.persistence.store.SignalOutcome;
import dev.cairn.persistence.store.WaitStore;
import dev.cairn.runtime.agents.Hashes;
import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Sends signals to runs: validates the name and payload, stores the signal under the run's row lock
 * and wakes the run if it waits for a signal; honours the Idempotency-Key as submission does.
 */
@ApplicationScoped
public class SignalService {
  /** Largest serialized payload accepted. */
  public static final int MAX_PAYLOAD_BYTES = 8 * 1024;

  private final WaitStore store;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store signals
   * @param clock clock
   */
  public SignalService(WaitStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * A stored signal.
   *
   * @param id the signal
   * @param runId its run
   * @param name its name
   * @param createdAt when it was stored
   * @param woke whether it woke the run
   * @param replayed whether the idempotency key returned an earlier signal
   */
  public record Sent(
      UUID id, UUID runId, String name, Instant createdAt, boolean woke, boolean replayed) {}

  /**
   * Sends a signal.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param name the signal's name
   * @param payload its payload, or null for an empty object
   * @param idempotencyKey the client's key, or null
   * @param actor who sends it
   * @return the stored signal
   */
  public Sent send(
      String tenantId,
      UUID runId,
      String name,
      JsonNode payload,
      String idempotencyKey,
      String actor) {
    if (name == null || !WaitForSignalTool.SIGNAL_NAME.matcher(name).matches()) {
      throw CairnException.invalid(
          "name", "letters, digits, _ . : - (1-64, starting with a letter or digit)");
    }
    String payloadJson =
        payload == null || payload.isNull() || payload.isMissingNode() ? "{}" : payload.toString();
    if (payloadJson.length() > MAX_PAYLOAD_BYTES) {
      throw CairnException.invalid("payload", "larger than " + MAX_PAYLOAD_BYTES + " bytes");
    }
    String requestHash = Hashes.sha256(runId + "\n" + name + "\n" + payloadJson);
    SignalOutcome outcome =
        store.send(
            new NewSignal(
                UUID.randomUUID(),
                tenantId,
                runId,
                name,
                payloadJson,
                actor,
                idempotencyKey,
                requestHash,
                clock.instant()));
    return switch (outcome) {
      case SignalOutcome.Sent sent ->
          new Sent(sent.id(), runId, name, sent.createdAt(), sent.woke(), false);
      case SignalOutcome.RunMissing missing ->
          throw CairnException.notFound("run " + runId + " does not exist");
      case SignalOutcome.RunFinished finished ->
          throw CairnException.conflict(
              "run " + runId + " is " + finished.status() + "; it takes no more signals");
      case SignalOutcome.TooMany tooMany ->
          throw CairnException.conflict(
              "run "
                  + runId
                  + " holds "
                  + tooMany.waiting()
                  + " signals not taken yet; send more once it takes them");
      case SignalOutcome.KeyInFlight inFlight ->
          throw CairnException.conflict(
              "a request with this Idempotency-Key is still being processed; retry shortly");
      case SignalOutcome.KeyUsed used -> {
        if (!requestHash.equals(used.requestHash()) || !runId.equals(used.runId())) {
          throw CairnException.keyReused("this Idempotency-Key was used with a different request");
        }
        yield new Sent(used.id(), runId, name, used.createdAt(), false, true);
      }
    };
  }
}
