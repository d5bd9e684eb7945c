package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.audit.fork.Forked;

/**
 * A new fork.
 *
 * @param id the fork's run id
 * @param forkedFrom the original run
 * @param forkedAtSeq the original's seq it continues after
 * @param agentVersion the agent version it runs on
 * @param status its status (QUEUED: it continues at once)
 * @param changes what it changed (agentVersion, model, editedMessage)
 * @param lastHash the hash its copied history ends with
 */
public record ForkResponse(
    String id,
    String forkedFrom,
    int forkedAtSeq,
    int agentVersion,
    String status,
    JsonNode changes,
    String lastHash) {

  static ForkResponse of(Forked f) {
    return new ForkResponse(
        f.id().toString(),
        f.forkedFrom().toString(),
        f.forkedAtSeq(),
        f.agentVersion(),
        "QUEUED",
        f.changes(),
        f.lastHash());
  }
}
