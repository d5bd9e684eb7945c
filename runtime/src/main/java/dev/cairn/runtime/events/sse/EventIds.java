package dev.cairn.runtime.events.sse;

import dev.cairn.persistence.store.EventStreamStore.LogPosition;
import dev.cairn.runtime.api.problem.CairnException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSE ids of the two kinds of stream, and their strict parsing from {@code Last-Event-ID} (or
 * {@code after}). A run stream's id is the event's seq in its run; a tenant stream's id is the
 * event's commit-consistent log position {@code <tx>-<id>}, opaque to clients.
 */
public final class EventIds {
  private static final Pattern SEQ = Pattern.compile("[0-9]{1,10}");
  private static final Pattern POSITION = Pattern.compile("([0-9]{1,19})-([0-9]{1,19})");

  private EventIds() {}

  /**
   * A tenant stream's id for a log position.
   *
   * @param position the position
   * @return {@code <tx>-<id>}
   */
  public static String of(LogPosition position) {
    return position.tx() + "-" + position.id();
  }

  /**
   * Parses a run stream's id.
   *
   * @param field the header or parameter it came from, for the problem
   * @param value the id
   * @return the seq it names
   * @throws CairnException 400 when it is not a seq
   */
  public static int runSeq(String field, String value) {
    if (SEQ.matcher(value).matches()) {
      long seq = Long.parseLong(value);
      if (seq <= Integer.MAX_VALUE) {
        return (int) seq;
      }
    }
    throw CairnException.invalid(field, "not an event id of this run's stream (a seq)");
  }

  /**
   * Parses a tenant stream's id.
   *
   * @param field the header or parameter it came from, for the problem
   * @param value the id
   * @return the position it names
   * @throws CairnException 400 when it is not an id this API gave out
   */
  public static LogPosition position(String field, String value) {
    Matcher m = POSITION.matcher(value);
    if (m.matches()) {
      try {
        long tx = Long.parseLong(m.group(1));
        long id = Long.parseLong(m.group(2));
        return new LogPosition(Long.toString(tx), id);
      } catch (NumberFormatException e) {
        // Out of range: reported below like any other malformed id.
      }
    }
    throw CairnException.invalid(field, "not an event id of the tenant stream");
  }
}
