package dev.cairn.persistence.store;

/** What happened to a command. */
public sealed interface CommandOutcome {
  /**
   * The command was recorded.
   *
   * @param command the new row
   */
  record Accepted(CommandRow command) implements CommandOutcome {}

  /**
   * The idempotency key was used before.
   *
   * @param existing the command holding the key
   */
  record KeyUsed(CommandRow existing) implements CommandOutcome {}

  /** Another request with the same idempotency key is being processed right now. */
  record KeyInFlight() implements CommandOutcome {}

  /** The run does not exist in the tenant. */
  record RunMissing() implements CommandOutcome {}
}
