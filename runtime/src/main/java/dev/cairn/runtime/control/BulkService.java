package dev.cairn.runtime.control;

import dev.cairn.persistence.store.CommandStore;
import dev.cairn.persistence.store.RunSelection;
import dev.cairn.persistence.store.SelectedRun;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.CommandRules;
import dev.cairn.runtime.engine.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Pause, resume or cancel many runs: a dry run counts the matching runs and shows a sample; a real
 * run gives each selected run the command through {@link CommandService}, reporting the runs whose
 * status refuses it as skipped.
 */
@ApplicationScoped
public class BulkService {
  /** Most runs a dry run shows. */
  public static final int SAMPLE_SIZE = 20;

  private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");

  private final CommandStore store;
  private final CommandService commands;
  private final int maxRuns;

  /**
   * Creates the service.
   *
   * @param store run selection
   * @param commands accepts each command
   * @param config the cap on runs per request
   */
  public BulkService(CommandStore store, CommandService commands, CairnConfig config) {
    this.store = store;
    this.commands = commands;
    this.maxRuns = config.operator().bulkMaxRuns();
  }

  /**
   * A run the filter matches.
   *
   * @param id run id
   * @param status its status when selected
   */
  public record Match(UUID id, String status) {}

  /**
   * A command given to one run.
   *
   * @param runId the run
   * @param commandId the command
   */
  public record Given(UUID runId, UUID commandId) {}

  /**
   * A run left alone.
   *
   * @param runId the run
   * @param reason why
   */
  public record Skipped(UUID runId, String reason) {}

  /**
   * The result of a bulk request.
   *
   * @param dryRun whether nothing was written
   * @param matched runs the filter matches
   * @param sample up to {@link #SAMPLE_SIZE} matching runs (dry run only)
   * @param accepted commands given
   * @param skipped runs left alone, with why
   */
  public record Result(
      boolean dryRun,
      long matched,
      List<Match> sample,
      List<Given> accepted,
      List<Skipped> skipped) {}

  /**
   * The most runs one request may command.
   *
   * @return the configured cap
   */
  public int maxRuns() {
    return maxRuns;
  }

  /**
   * Gives (or, in a dry run, previews) one command to every run the filter selects, up to {@code
   * limit}.
   *
   * @param tenantId tenant
   * @param kind {@code PAUSE}, {@code RESUME} or {@code CANCEL}
   * @param filter which runs
   * @param dryRun true to only count and sample
   * @param limit most runs to command
   * @param actor who gives the commands
   * @return what was done
   */
  public Result run(
      String tenantId,
      CommandKind kind,
      BulkFilter filter,
      boolean dryRun,
      int limit,
      String actor) {
    if (limit < 1 || limit > maxRuns) {
      throw CairnException.invalid("limit", "must be between 1 and " + maxRuns);
    }
    RunSelection selection =
        new RunSelection(
            tenantId,
            filter.agent(),
            filter.statuses().isEmpty() ? allowedStatuses(kind) : filter.statuses(),
            filter.createdBefore() == null ? FAR_FUTURE : filter.createdBefore());
    long matched = store.count(selection);
    if (dryRun) {
      return new Result(
          true,
          matched,
          store.select(selection, Math.min(SAMPLE_SIZE, limit)).stream()
              .map(r -> new Match(r.id(), r.status()))
              .toList(),
          List.of(),
          List.of());
    }
    List<Given> accepted = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (SelectedRun run : store.select(selection, limit)) {
      try {
        CommandService.Accepted given =
            commands.accept(tenantId, run.id(), new CommandRequest.Plain(kind), null, actor);
        accepted.add(new Given(run.id(), given.command().id()));
      } catch (CairnException e) {
        if (e.status() != 409 && e.status() != 404) {
          throw e;
        }
        skipped.add(new Skipped(run.id(), e.getMessage()));
      }
    }
    return new Result(false, matched, List.of(), List.copyOf(accepted), List.copyOf(skipped));
  }

  private static List<String> allowedStatuses(CommandKind kind) {
    return Arrays.stream(RunStatus.values())
        .filter(s -> CommandRules.conflict(s, kind).isEmpty())
        .map(Enum::name)
        .toList();
  }
}
