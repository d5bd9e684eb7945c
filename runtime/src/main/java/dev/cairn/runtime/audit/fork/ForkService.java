package dev.cairn.runtime.audit.fork;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.ChainRow;
import dev.cairn.persistence.store.CheckpointChainStore;
import dev.cairn.persistence.store.ForkStore;
import dev.cairn.persistence.store.MessageRow;
import dev.cairn.persistence.store.NewFork;
import dev.cairn.persistence.store.SummaryRow;
import dev.cairn.runtime.agents.AgentService;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.audit.checkpoints.ChainRows;
import dev.cairn.runtime.audit.replay.HistoryFold;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.CheckpointHash;
import dev.cairn.runtime.engine.ConversationSummary;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.SnapshotMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Forks a run: folds its history to the chosen seq (checked against the record at every step),
 * copies its conversation and its checkpoints up to that seq (verified, then re-chained under the
 * fork's id) and inserts a runnable run that records its origin. The original and its hashes are
 * not touched.
 */
@ApplicationScoped
public class ForkService {
  /** Largest replacement text of an edited message. */
  public static final int MAX_EDIT_BYTES = 64 * 1024;

  private static final int PAGE = 1_000;

  private final ForkStore forks;
  private final CheckpointChainStore chains;
  private final HistoryFold fold;
  private final AgentService agents;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param forks fork storage
   * @param chains checkpoint reads
   * @param fold folds histories
   * @param agents agent definitions
   * @param clock the clock
   */
  public ForkService(
      ForkStore forks,
      CheckpointChainStore chains,
      HistoryFold fold,
      AgentService agents,
      Clock clock) {
    this.forks = forks;
    this.chains = chains;
    this.fold = fold;
    this.agents = agents;
    this.clock = clock;
  }

  /**
   * Forks a run.
   *
   * @param tenantId the caller's tenant
   * @param runId the original
   * @param request what to fork and change
   * @param actor who forks
   * @return the fork
   */
  public Forked fork(String tenantId, UUID runId, ForkRequest request, String actor) {
    ForkStore.Source source =
        forks
            .source(tenantId, runId)
            .orElseThrow(() -> CairnException.notFound("run " + runId + " does not exist"));
    int seq = request.atSeq();
    if (seq < 0 || seq > source.stepCount()) {
      throw CairnException.invalid(
          "atSeq", "must be between 0 and the run's last seq (" + source.stepCount() + ")");
    }
    int version = request.agentVersion() == null ? source.agentVersion() : request.agentVersion();
    AgentSpec spec = definition(tenantId, source.agentName(), version);
    ObjectNode changes = Json.object();
    if (request.agentVersion() != null) {
      changes.put("agentVersion", version);
    }
    String modelOverride = source.modelOverrideJson();
    if (request.model() != null) {
      AgentSpec.ModelSpec model = agents.toModel(request.model());
      modelOverride = Json.write(model);
      changes.set("model", Json.parse(modelOverride));
    }
    RunSnapshot state = fold.stateAt(tenantId, runId, seq);
    if (state.status().isTerminal()) {
      throw CairnException.conflict(
          "the run was "
              + state.status()
              + " after seq "
              + seq
              + "; fork at an earlier seq to continue from there");
    }
    List<MessageRow> messages = messages(state, request.editedMessage(), seq, changes);
    UUID forkId = UUID.randomUUID();
    List<ChainRow> copies = copyChain(tenantId, runId, forkId, seq);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    AgentSpec.Budget budget =
        source.budgetJson() == null
            ? spec.budget()
            : SnapshotMapper.readBudget(source.budgetJson());
    String lastHash = copies.isEmpty() ? null : copies.getLast().hash();
    forks.insert(
        new NewFork(
            forkId,
            tenantId,
            source.agentName(),
            version,
            source.inputJson(),
            source.priority(),
            actor,
            Json.write(budget),
            budget.maxDurationSeconds() == null
                ? null
                : now.plusSeconds(budget.maxDurationSeconds()),
            now,
            seq,
            state.usage().modelCalls(),
            state.usage().toolCalls(),
            state.usage().inputTokens(),
            state.usage().outputTokens(),
            state.invalidToolCalls(),
            SnapshotMapper.writeCalls(state.pendingToolCalls()),
            lastHash,
            state.control().costMicros(),
            runId,
            seq,
            changes.toString(),
            modelOverride,
            messages,
            copies,
            summaryOf(state)));
    return new Forked(forkId, runId, seq, version, changes, lastHash);
  }

  private AgentSpec definition(String tenantId, String agent, int version) {
    return agents
        .version(tenantId, agent, version)
        .map(d -> SnapshotMapper.readSpec(d.spec))
        .orElseThrow(
            () ->
                CairnException.invalid(
                    "agentVersion", "agent '" + agent + "' has no version " + version));
  }

  private static List<MessageRow> messages(
      RunSnapshot state, ForkRequest.EditedMessage edit, int seq, ObjectNode changes) {
    List<Message> conversation = state.messages();
    if (edit != null) {
      // Messages keep their run-wide idx; older turns a summary covers are not in the snapshot.
      Message original =
          conversation.stream()
              .filter(m -> m.idx() == edit.index())
              .findFirst()
              .orElseThrow(
                  () ->
                      CairnException.invalid(
                          "editedMessage.index",
                          "must be the idx of a message of the conversation after seq "
                              + seq
                              + editableRange(conversation)));
      if (edit.content() == null
          || edit.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              > MAX_EDIT_BYTES) {
        throw CairnException.invalid(
            "editedMessage.content", "required, at most " + MAX_EDIT_BYTES + " bytes");
      }
      ObjectNode edited = changes.putObject("editedMessage");
      edited.put("index", edit.index());
      edited.put("role", original.role().name());
      edited.put("originalSha256", CanonicalJson.sha256Hex(String.valueOf(original.content())));
    }
    List<MessageRow> rows = new ArrayList<>(conversation.size());
    for (Message m : conversation) {
      String content = edit != null && m.idx() == edit.index() ? edit.content() : m.content();
      rows.add(
          new MessageRow(
              m.idx(),
              m.seq(),
              m.role().name(),
              content,
              m.role() == Message.Role.ASSISTANT ? SnapshotMapper.writeCalls(m.toolCalls()) : null,
              m.toolCallId(),
              m.toolName()));
    }
    return rows;
  }

  private static String editableRange(List<Message> conversation) {
    if (conversation.isEmpty()) {
      return "";
    }
    return " (" + conversation.getFirst().idx() + " to " + conversation.getLast().idx() + ")";
  }

  /** The running summary the original had at the fork point; the fork starts from it. */
  private static SummaryRow summaryOf(RunSnapshot state) {
    ConversationSummary s = state.summary();
    return s == null
        ? null
        : new SummaryRow(s.seq(), s.fromIdx(), s.toIdx(), s.text(), s.assistantTurns());
  }

  /**
   * The original's checkpoints 1..seq, each verified against its stored hash, re-chained under the
   * fork's id.
   */
  private List<ChainRow> copyChain(String tenantId, UUID runId, UUID forkId, int seq) {
    List<ChainRow> copies = new ArrayList<>(seq);
    String originalPrevious = null;
    String forkPrevious = null;
    int after = 0;
    while (after < seq) {
      List<ChainRow> page = chains.page(tenantId, runId, after, Math.min(PAGE, seq - after));
      if (page.isEmpty()) {
        break;
      }
      for (ChainRow row : page) {
        if (row.seq() != after + 1
            || !CheckpointHash.ALGORITHM.equals(row.hashAlg())
            || !java.util.Objects.equals(row.prevHash(), originalPrevious)
            || !ChainRows.recompute(runId, row).equals(row.hash())) {
          throw CairnException.conflict(
              "the run's history does not verify at seq "
                  + (after + 1)
                  + "; only a verifiable history can be forked (see GET /v1/runs/"
                  + runId
                  + "/verify)");
        }
        originalPrevious = row.hash();
        ChainRow linked = withChain(row, forkPrevious, null);
        String hash = ChainRows.recompute(forkId, linked);
        copies.add(withChain(row, forkPrevious, hash));
        forkPrevious = hash;
        after = row.seq();
      }
    }
    if (copies.size() != seq) {
      throw CairnException.conflict("the run's history ends before seq " + seq);
    }
    return copies;
  }

  private static ChainRow withChain(ChainRow r, String prevHash, String hash) {
    return new ChainRow(
        r.seq(),
        r.tenantId(),
        r.kind(),
        r.actor(),
        r.leaseOwner(),
        r.leaseEpoch(),
        r.decisionJson(),
        r.outcomeJson(),
        r.decisionSha256(),
        r.outcomeSha256(),
        r.inputTokens(),
        r.outputTokens(),
        r.costMicros(),
        r.statusAfter(),
        r.stateAfterJson(),
        prevHash,
        hash,
        r.hashAlg(),
        r.createdAt(),
        r.prunedAt());
  }
}
