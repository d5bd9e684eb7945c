package dev.cairn.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One start of one node, measured: how long until ready, and how long until it committed its first
 * checkpoint (the "restart to resumed" time; null if it committed none before it ended).
 */
record Incarnation(
    String node,
    int number,
    Instant started,
    Duration toReady,
    Instant ended,
    Duration toFirstCheckpoint) {

  @Override
  public String toString() {
    return "%s#%d ready after %s, first checkpoint after %s, lived %s"
        .formatted(
            node,
            number,
            seconds(toReady),
            toFirstCheckpoint == null ? "(none)" : seconds(toFirstCheckpoint),
            ended == null ? "-" : seconds(Duration.between(started, ended)));
  }

  static String seconds(Duration duration) {
    return duration == null
        ? "-"
        : String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
  }
}
