package dev.cairn.runtime.api.ops;

import dev.cairn.runtime.api.problem.CairnException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Parses the operator API's path and query values; a bad value is a 400 naming it. */
final class OpsParams {
  /** Run statuses, as a regular expression. */
  static final String STATUSES =
      "QUEUED|RUNNING|WAITING|PAUSED|COMPLETED|FAILED|CANCELLED|BUDGET_EXCEEDED|QUARANTINED"
          + "|NEEDS_RECONCILIATION";

  /** Longest duration a filter takes (ten years). */
  private static final Duration MAX_DURATION = Duration.ofDays(3650);

  private OpsParams() {}

  static UUID id(String name, String value) {
    try {
      if (value == null || value.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid(name, "not an id (UUID)");
    }
  }

  static Duration duration(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
        throw CairnException.invalid(name, "must be between PT0S and " + MAX_DURATION);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw CairnException.invalid(name, "not an ISO-8601 duration (e.g. PT1H, P2D)");
    }
  }

  static Instant instant(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw CairnException.invalid(name, "not an ISO-8601 instant (e.g. 2026-01-31T12:00:00Z)");
    }
  }

  /** Statuses given as repeated values, comma lists, or both. */
  static List<String> statuses(String name, List<String> values) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",", -1)) {
          String status = part.trim();
          if (!status.matches(STATUSES)) {
            throw CairnException.invalid(name, "not a run status: '" + echo(status) + "'");
          }
          out.add(status);
        }
      }
    }
    if (out.size() > 10) {
      throw CairnException.invalid(name, "at most 10 statuses");
    }
    return new ArrayList<>(out);
  }

  private static String echo(String text) {
    return dev.cairn.runtime.api.problem.TextSafety.echo(text);
  }
}
