package dev.cairn.runtime.testing;

import java.util.UUID;

/** Unique names, so tests sharing one database never collide. */
public final class Names {
  private Names() {}

  /**
   * A unique agent name.
   *
   * @return e.g. {@code agent-1a2b3c4d}
   */
  public static String agent() {
    return "agent-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
