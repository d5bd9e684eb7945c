package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run's whole story in one document, as {@code GET /v1/runs/{id}/story} streams it (this record
 * describes the document; the server writes it piece by piece).
 *
 * @param runId the run
 * @param agent the definition version the run pinned
 * @param submittedBy who submitted the run
 * @param submittedAt when
 * @param input the run's input
 * @param outcome how the run stands or ended
 * @param totals usage and cost of the whole run
 * @param payloadsPrunedAt when retention pruned the run's payloads, or null
 * @param steps every step, in seq order
 * @param interventions every operator command, in the order accepted
 * @param approvals every approval record
 */
public record RunStory(
    UUID runId,
    StoryRun.Agent agent,
    String submittedBy,
    Instant submittedAt,
    JsonNode input,
    StoryRun.Outcome outcome,
    StoryRun.Totals totals,
    Instant payloadsPrunedAt,
    List<StoryStep> steps,
    List<StoryIntervention> interventions,
    List<StoryApproval> approvals) {}
