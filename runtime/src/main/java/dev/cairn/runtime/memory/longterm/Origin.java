package dev.cairn.runtime.memory.longterm;

import java.util.Locale;
import java.util.Optional;

/** Where a memory's text came from. Only a person's text may be pinned. */
public enum Origin {
  /** The agent's own words. */
  AGENT,
  /** A tool's answer. */
  TOOL,
  /** A web page or other remote content. */
  WEB,
  /** A person, over the API. */
  PERSON;

  /**
   * The stored form.
   *
   * @return the lowercase name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the stored form.
   *
   * @param id the lowercase name
   * @return the origin, if known
   */
  public static Optional<Origin> parse(String id) {
    for (Origin o : values()) {
      if (o.id().equals(id)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
