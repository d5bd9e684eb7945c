package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.api.problem.CairnException;
import java.util.UUID;

/** Parses run ids given in paths. */
final class RunIds {
  private RunIds() {}

  static UUID parse(String id) {
    try {
      if (id == null || id.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid("id", "not a run id (UUID)");
    }
  }

  static String attachment(UUID runId, String what) {
    return "attachment; filename=\"run-" + runId + "-" + what + ".ndjson\"";
  }
}
