package dev.cairn.runtime.engine;

import java.util.List;
import java.util.UUID;

/** Loads a run's pending operator commands (the engine's read port for commands). */
@FunctionalInterface
public interface CommandSource {
  /**
   * The run's pending commands, in the order they were accepted.
   *
   * @param runId the run
   * @return the commands
   */
  List<OperatorCommand> pending(UUID runId);
}
