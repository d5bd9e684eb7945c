package dev.cairn.examples.javatool;

/** How urgent a ticket is. */
public enum Priority {
  /** Whenever someone has time. */
  LOW,
  /** Today. */
  NORMAL,
  /** Now. */
  HIGH
}
