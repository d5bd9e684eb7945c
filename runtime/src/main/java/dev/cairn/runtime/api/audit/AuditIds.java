package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.api.problem.CairnException;
import java.util.UUID;

/** Parses ids in audit paths, refusing anything else with a problem answer. */
final class AuditIds {
  private AuditIds() {}

  static UUID runId(String id) {
    return runId("id", id);
  }

  static UUID runId(String field, String id) {
    try {
      if (id == null || id.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid(field, "not a run id (UUID)");
    }
  }
}
