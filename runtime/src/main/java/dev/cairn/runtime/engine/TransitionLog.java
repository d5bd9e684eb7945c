package dev.cairn.runtime.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records which rows of the transition table the engine takes, when the system property {@value
 * #PROPERTY} names a file (the test build sets it; production never does). Each row is appended
 * once per class loader, so the cost is a few writes per test JVM and nothing otherwise. A check
 * after the test suite fails when a row was never taken.
 */
final class TransitionLog {
  /** System property naming the file rows are appended to. */
  static final String PROPERTY = "dev.cairn.transitions.log";

  private static final Path FILE = path();
  private static final boolean[][] SEEN =
      new boolean[RunStatus.values().length][RunEvent.values().length];

  private TransitionLog() {}

  private static Path path() {
    String value = System.getProperty(PROPERTY);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  static void taken(RunStatus from, RunEvent event) {
    if (FILE == null || SEEN[from.ordinal()][event.ordinal()]) {
      return;
    }
    synchronized (TransitionLog.class) {
      if (SEEN[from.ordinal()][event.ordinal()]) {
        return;
      }
      SEEN[from.ordinal()][event.ordinal()] = true;
      try {
        Files.createDirectories(FILE.getParent());
        Files.writeString(
            FILE,
            from + " " + event + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
