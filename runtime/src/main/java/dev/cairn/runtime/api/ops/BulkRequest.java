package dev.cairn.runtime.api.ops;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which runs a bulk command targets, and whether to only preview.
 *
 * @param agent only runs of this agent
 * @param status only runs in these statuses (default: every status the command is allowed in)
 * @param olderThan only runs submitted at least this long ago (ISO-8601 duration, e.g. PT1H)
 * @param createdBefore only runs submitted before this instant (ISO-8601)
 * @param dryRun true (the default) to only count the runs and show a sample
 * @param limit most runs to command (default 100, at most the configured cap)
 */
@Schema(description = "A filter of runs; dryRun defaults to true")
public record BulkRequest(
    @Size(max = 63) String agent,
    @Size(max = 10)
        List<@NotBlank @Pattern(regexp = OpsParams.STATUSES, message = "not a run status") String>
            status,
    @Size(max = 40) String olderThan,
    @Size(max = 40) String createdBefore,
    Boolean dryRun,
    @Min(1) @Max(10_000) Integer limit) {}
