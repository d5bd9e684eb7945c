package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole test suite (its own surefire execution): every row of the transition table
 * must have been taken by the engine somewhere in the suite. The engine records the rows it takes
 * through {@link RunTransitions#take} into the file the build names; a row nobody takes is a state
 * change no test ever exercised.
 */
class TransitionCoverageCheck {
  @Test
  void everyRowOfTheTransitionTableIsTakenByTheEngineInTheTestSuite() throws IOException {
    String requested = System.getProperty("dev.cairn.requested.tests", "");
    assumeTrue(
        requested.isBlank() || requested.startsWith("${"),
        "only a run of the whole suite can show that every row was taken");
    Path file = Path.of(System.getProperty(TransitionLog.PROPERTY));
    assertThat(file).as("rows taken during the test suite").exists();
    Set<String> taken = new TreeSet<>(Files.readAllLines(file));
    List<String> missing =
        RunTransitions.rows().stream()
            .map(row -> row.from() + " " + row.event())
            .filter(row -> !taken.contains(row))
            .toList();
    assertThat(missing).as("rows of the transition table no test takes").isEmpty();
  }
}
