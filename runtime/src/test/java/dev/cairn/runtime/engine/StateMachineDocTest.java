package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The diagram in the docs is the transition table, rendered. */
class StateMachineDocTest {
  private static final Path DOC = Path.of("..", "docs", "state-machine.md");

  @Test
  void shouldMatchTheTransitionTable() throws IOException {
    String doc = Files.readString(DOC);
    String expected = "```mermaid\n" + RunTransitions.toMermaid() + "```\n";
    if (Boolean.getBoolean("cairn.docs.update")) {
      int start = doc.indexOf("```mermaid");
      Files.writeString(DOC, doc.substring(0, start) + expected);
      doc = Files.readString(DOC);
    }
    assertThat(doc)
        .as("docs/state-machine.md is stale: run the test with -Dcairn.docs.update=true")
        .contains(expected);
  }
}
