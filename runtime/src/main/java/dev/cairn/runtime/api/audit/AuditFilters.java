package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.audit.chain.AuditFilter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The audit log's filter rules, shared by {@code GET /v1/audit/events} and the console's audit
 * view: the same limits, the same parsing, the same problem details (400, {@code validation}) for
 * input that breaks them.
 */
public final class AuditFilters {
  /** Longest actor filter. */
  public static final int MAX_ACTOR = 200;

  /** Longest action filter. */
  public static final int MAX_ACTION = 100;

  /** Longest time filter text. */
  public static final int MAX_INSTANT = 40;

  /** Largest page. */
  public static final int MAX_LIMIT = 500;

  private static final Pattern ACTION = Pattern.compile("[a-z_.]*");

  private AuditFilters() {}

  /**
   * Checks and parses the filters of a page of audit records.
   *
   * @param actor only this actor, or null/empty
   * @param action only this action, or null/empty
   * @param runId only records about this run, or null/empty
   * @param from at or after (ISO 8601), or null/empty
   * @param to before (ISO 8601), or null/empty
   * @param after records after this seq
   * @param limit page size (1-500)
   * @return the filter
   * @throws CairnException 400 naming the first invalid field
   */
  public static AuditFilter of(
      String actor, String action, String runId, String from, String to, long after, int limit) {
    String wantedActor = blankToNull(actor);
    if (wantedActor != null && wantedActor.length() > MAX_ACTOR) {
      throw CairnException.invalid("actor", "size must be between 0 and " + MAX_ACTOR);
    }
    String wantedAction = blankToNull(action);
    if (wantedAction != null && wantedAction.length() > MAX_ACTION) {
      throw CairnException.invalid("action", "size must be between 0 and " + MAX_ACTION);
    }
    if (wantedAction != null && !ACTION.matcher(wantedAction).matches()) {
      throw CairnException.invalid("action", "lower-case letters, dots and underscores");
    }
    if (after < 0) {
      throw CairnException.invalid("after", "must be greater than or equal to 0");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw CairnException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return new AuditFilter(
        wantedActor,
        wantedAction,
        run(runId),
        instant("from", from),
        instant("to", to),
        after,
        limit);
  }

  /**
   * A run id filter.
   *
   * @param value the text, or null/empty
   * @return the id, or null
   * @throws CairnException 400 when it is not a UUID
   */
  public static UUID run(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      if (value.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid("runId", "not an id (UUID)");
    }
  }

  /**
   * A time filter.
   *
   * @param name the parameter's name, for the problem details
   * @param value ISO-8601 instant, or null/empty
   * @return the instant, or null
   * @throws CairnException 400 when it is too long or not an instant
   */
  public static Instant instant(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_INSTANT) {
      throw CairnException.invalid(name, "size must be between 0 and " + MAX_INSTANT);
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw CairnException.invalid(name, "not an ISO-8601 instant (e.g. 2026-01-31T12:00:00Z)");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
