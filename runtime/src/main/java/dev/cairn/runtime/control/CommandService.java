package dev.cairn.runtime.control;

import dev.cairn.persistence.store.CommandOutcome;
import dev.cairn.persistence.store.CommandRow;
import dev.cairn.persistence.store.CommandStore;
import dev.cairn.persistence.store.NewCommand;
import dev.cairn.runtime.agents.Hashes;
import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Accepts operator commands: validates each against the run as its pending commands will leave it
 * ({@link CommandChecks}) under the run's row lock, records it, and tells the engine; honours the
 * Idempotency-Key as run submission does. Also reads a run's commands and approvals.
 */
@ApplicationScoped
public class CommandService {
  private final CommandStore store;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store command storage
   * @param clock clock
   */
  public CommandService(CommandStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * An accepted command.
   *
   * @param command the stored command
   * @param replayed true when the idempotency key returned an earlier command
   */
  public record Accepted(Command command, boolean replayed) {}

  /**
   * A page of a run's commands.
   *
   * @param items the commands, newest first
   * @param nextCursor the next page's cursor, or null on the last page
   */
  public record CommandPage(List<Command> items, String nextCursor) {}

  /**
   * Accepts a command for a run.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param request the command
   * @param idempotencyKey the client's key, or null
   * @param actor who gives it
   * @return the command, new or replayed
   */
  public Accepted accept(
      String tenantId, UUID runId, CommandRequest request, String idempotencyKey, String actor) {
    String requestHash =
        Hashes.sha256(runId + "\n" + request.kind() + "\n" + request.payload().toString());
    NewCommand command =
        new NewCommand(
            UUID.randomUUID(),
            tenantId,
            runId,
            request.kind().name(),
            request.payload().toString(),
            actor,
            idempotencyKey,
            requestHash,
            clock.instant());
    CommandOutcome outcome =
        store.accept(
            command,
            (run, pending, approvals) -> CommandChecks.check(request, run, pending, approvals));
    return switch (outcome) {
      case CommandOutcome.Accepted accepted -> new Accepted(Command.of(accepted.command()), false);
      case CommandOutcome.RunMissing missing -> throw runMissing(runId);
      case CommandOutcome.KeyInFlight inFlight ->
          throw CairnException.conflict(
              "a request with this Idempotency-Key is still being processed; retry shortly");
      case CommandOutcome.KeyUsed used -> {
        if (!requestHash.equals(used.existing().requestHash())) {
          throw CairnException.keyReused("this Idempotency-Key was used with a different request");
        }
        yield new Accepted(Command.of(used.existing()), true);
      }
    };
  }

  /**
   * A page of a run's commands, newest first.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param cursor cursor from the previous page, or null
   * @param limit page size
   * @return the page
   */
  public CommandPage commands(String tenantId, UUID runId, String cursor, int limit) {
    long before = cursor == null ? Long.MAX_VALUE : Cursors.decodeSeq(cursor);
    List<CommandRow> rows =
        store.commands(tenantId, runId, before, limit + 1).orElseThrow(() -> runMissing(runId));
    boolean more = rows.size() > limit;
    List<CommandRow> page = more ? rows.subList(0, limit) : rows;
    return new CommandPage(
        page.stream().map(Command::of).toList(),
        more ? Cursors.encode(page.getLast().seq()) : null);
  }

  /**
   * One command of a run.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param commandId the command
   * @return the command
   */
  public Command command(String tenantId, UUID runId, UUID commandId) {
    return store
        .command(tenantId, runId, commandId)
        .map(Command::of)
        .orElseThrow(
            () ->
                CairnException.notFound(
                    "command " + commandId + " does not exist for run " + runId));
  }

  /**
   * A run's approval records in the order they were requested.
   *
   * @param tenantId tenant
   * @param runId the run
   * @return the records
   */
  public List<Approval> approvals(String tenantId, UUID runId) {
    return store.approvals(tenantId, runId).orElseThrow(() -> runMissing(runId)).stream()
        .map(Approval::of)
        .toList();
  }

  private static CairnException runMissing(UUID runId) {
    return CairnException.notFound("run " + runId + " does not exist");
  }
}
