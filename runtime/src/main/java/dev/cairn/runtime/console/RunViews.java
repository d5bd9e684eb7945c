package dev.cairn.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.api.dev.CheckpointResponse;
import dev.cairn.runtime.api.dev.Page;
import dev.cairn.runtime.api.dev.RunReader;
import dev.cairn.runtime.api.dev.RunResponse;
import dev.cairn.runtime.control.Approval;
import dev.cairn.runtime.control.CommandService;
import dev.cairn.runtime.control.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Builds a run's view: the run, its pending approvals and one page of its timeline. */
@ApplicationScoped
public class RunViews {
  private static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXCEEDED", "QUARANTINED");

  private final RunReader reader;
  private final CommandService commands;
  private final ConsoleConfig config;

  /**
   * Creates the builder.
   *
   * @param reader run reads
   * @param commands approvals
   * @param config console settings
   */
  public RunViews(RunReader reader, CommandService commands, ConsoleConfig config) {
    this.reader = reader;
    this.commands = commands;
    this.config = config;
  }

  /**
   * A run with the timeline page of steps below a seq.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @param beforeSeq exclusive upper seq ({@code Integer.MAX_VALUE} for the newest)
   * @return the view
   */
  public RunView view(String tenantId, UUID runId, int beforeSeq) {
    return ConsoleParams.call(
        () -> {
          RunResponse run = reader.get(tenantId, runId);
          List<Approval> pending =
              commands.approvals(tenantId, runId).stream()
                  .filter(a -> "PENDING".equals(a.state()))
                  .toList();
          Page<CheckpointResponse> page =
              reader.latestCheckpoints(tenantId, runId, beforeSeq, config.pageSize());
          String older =
              page.nextCursor() == null
                  ? null
                  : "/console/runs/" + runId + "/older?before=" + page.nextCursor();
          return new RunView(
              run,
              Money.amount(run.costMicros()).toPlainString(),
              run.budget() == null || run.budget().isNull() ? "" : run.budget().toPrettyString(),
              pending,
              page.items().stream().map(RunViews::entry).toList(),
              older,
              !TERMINAL.contains(run.status()));
        });
  }

  /**
   * The checkpoints written after a seq the page already shows, newest first, at most one page;
   * when more arrived than a page holds, the entries are the newest ones and the gap below them is
   * named.
   *
   * @param tenantId the caller's tenant
   * @param runId the run
   * @param afterSeq the newest seq the page shows
   * @return the new entries
   */
  public NewerEntries newer(String tenantId, UUID runId, int afterSeq) {
    return ConsoleParams.call(
        () -> {
          Page<CheckpointResponse> page =
              reader.latestCheckpoints(tenantId, runId, Integer.MAX_VALUE, config.pageSize());
          List<TimelineEntry> entries =
              page.items().stream().filter(c -> c.seq() > afterSeq).map(RunViews::entry).toList();
          int newest = entries.isEmpty() ? afterSeq : entries.getFirst().seq();
          int oldestShown = entries.isEmpty() ? afterSeq + 1 : entries.getLast().seq();
          String gap =
              oldestShown > afterSeq + 1
                  ? "/console/runs/" + runId + "/older?before=" + oldestShown
                  : null;
          int missing = Math.max(0, oldestShown - afterSeq - 1);
          return new NewerEntries(entries, newest, gap, missing);
        });
  }

  private static TimelineEntry entry(CheckpointResponse c) {
    return new TimelineEntry(
        c.seq(),
        c.kind(),
        c.statusAfter(),
        c.createdAt(),
        c.inputTokens() + " in / " + c.outputTokens() + " out",
        text(c.decision()),
        text(c.outcome()));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : node.toPrettyString();
  }
}
