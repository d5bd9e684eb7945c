package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.api.problem.CairnException;
import java.util.UUID;

/** Parses run ids of audit requests. */
final class ReplayIds {
  private ReplayIds() {}

  /**
   * A run id.
   *
   * @param field the parameter's name
   * @param id the text
   * @return the id
   */
  static UUID parse(String field, String id) {
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
