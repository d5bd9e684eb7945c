package dev.cairn.runtime.console;

import java.util.List;

/** What the agents pages show (records for the templates). */
public final class AgentViews {
  private AgentViews() {}

  /**
   * One agent in the list: its latest version.
   *
   * @param name agent name
   * @param version latest version
   * @param createdAt when that version was published (ISO 8601)
   * @param publishedBy who published it
   * @param model the model it names ({@code provider / name})
   * @param href its page
   */
  public record Row(
      String name, int version, String createdAt, String publishedBy, String model, String href) {}

  /**
   * The agents list.
   *
   * @param agents this page, by name
   * @param nextHref the next page, or null on the last
   */
  public record Listing(List<Row> agents, String nextHref) {}

  /**
   * One version of an agent.
   *
   * @param version the version
   * @param createdAt when it was published (ISO 8601)
   * @param publishedBy who published it
   * @param model the model it names
   * @param href the page showing its spec
   * @param selected whether it is the version shown
   */
  public record Version(
      int version,
      String createdAt,
      String publishedBy,
      String model,
      String href,
      boolean selected) {}

  /**
   * A version's spec, pretty-printed.
   *
   * @param version the version
   * @param createdAt when it was published
   * @param publishedBy who published it
   * @param json the spec as indented JSON text (shown escaped)
   */
  public record Spec(int version, String createdAt, String publishedBy, String json) {}

  /**
   * One agent's page.
   *
   * @param name agent name
   * @param latest its latest version
   * @param versions this page of versions, newest first
   * @param olderHref the page of older versions, or null
   * @param shown the chosen version's spec
   * @param compare the spec compared with, or null
   * @param identical whether both specs are the same text
   * @param runsHref the runs view filtered by this agent
   * @param compareAction where the compare form goes
   */
  public record Agent(
      String name,
      int latest,
      List<Version> versions,
      String olderHref,
      Spec shown,
      Spec compare,
      boolean identical,
      String runsHref,
      String compareAction) {}
}
