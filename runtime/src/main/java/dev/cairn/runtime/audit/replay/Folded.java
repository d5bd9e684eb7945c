package dev.cairn.runtime.audit.replay;

import dev.cairn.runtime.engine.RunSnapshot;
import java.util.UUID;

/**
 * Where a fold over a run's history ended.
 *
 * @param runId the run
 * @param agent its agent
 * @param recordedVersion the definition version the run was made with
 * @param replayedVersion the definition version the fold ran with
 * @param snapshot the run after {@code lastSeq}
 * @param lastSeq the last seq folded (0 when none)
 * @param recordedLastSeq the run's last recorded seq when the fold started
 * @param replayed checkpoints replayed and matched
 * @param divergence the first difference from the record, or null
 * @param incomplete why the fold stopped before the end without a divergence, or null
 */
public record Folded(
    UUID runId,
    String agent,
    int recordedVersion,
    int replayedVersion,
    RunSnapshot snapshot,
    int lastSeq,
    int recordedLastSeq,
    int replayed,
    Divergence divergence,
    String incomplete) {}
