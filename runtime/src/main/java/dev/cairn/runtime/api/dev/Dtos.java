package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.entity.AgentDefinitionEntity;
import dev.cairn.persistence.entity.CheckpointEntity;
import dev.cairn.persistence.entity.RunEntity;
import dev.cairn.runtime.engine.Json;

/** Maps entities to response records; entities never leave the service layer. */
final class Dtos {
  private Dtos() {}

  static AgentResponse agent(AgentDefinitionEntity e) {
    return new AgentResponse(e.name, e.version, e.createdAt, e.publishedBy, json(e.spec));
  }

  static RunResponse run(RunEntity e) {
    return new RunResponse(
        e.id,
        e.agentName,
        e.agentVersion,
        e.status,
        e.waitReason,
        json(e.input),
        json(e.result),
        json(e.error),
        e.stepCount,
        e.modelCalls,
        e.toolCalls,
        e.inputTokens,
        e.outputTokens,
        e.createdAt,
        e.updatedAt,
        e.finishedAt,
        e.submittedBy,
        json(e.budget),
        e.costMicros,
        e.deadlineAt,
        e.attention,
        e.forkedFrom,
        e.forkedAtSeq);
  }

  static CheckpointResponse checkpoint(CheckpointEntity e) {
    return new CheckpointResponse(
        e.seq,
        e.kind,
        e.statusAfter,
        json(e.decision),
        json(e.outcome),
        e.inputTokens,
        e.outputTokens,
        e.leaseOwner,
        e.leaseEpoch,
        e.prevHash,
        e.hash,
        e.createdAt);
  }

  private static JsonNode json(String text) {
    return text == null ? null : Json.parse(text);
  }
}
