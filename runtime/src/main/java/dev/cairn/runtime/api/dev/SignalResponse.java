package dev.cairn.runtime.api.dev;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored signal.
 *
 * @param id the signal
 * @param runId its run
 * @param name its name
 * @param createdAt when it was stored
 * @param wokeRun whether it woke the run (it was waiting for a signal)
 */
@Schema(description = "A stored signal")
public record SignalResponse(
    String id, String runId, String name, Instant createdAt, boolean wokeRun) {}
