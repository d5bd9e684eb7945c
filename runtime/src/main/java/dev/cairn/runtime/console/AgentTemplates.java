package dev.cairn.runtime.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The agents and audit pages ({@code templates/console/agents.html}, {@code agent.html}, {@code
 * audit.html}); HTML templates, so Qute escapes every value and nothing is written raw.
 */
@CheckedTemplate(basePath = "console")
public final class AgentTemplates {
  private AgentTemplates() {}

  /**
   * The tenant's agents.
   *
   * @param me the session
   * @param view the list
   * @return the page
   */
  public static native TemplateInstance agents(SignedIn me, AgentViews.Listing view);

  /**
   * One agent: versions and a version's spec.
   *
   * @param me the session
   * @param view the agent
   * @return the page
   */
  public static native TemplateInstance agent(SignedIn me, AgentViews.Agent view);

  /**
   * The audit log: chain verdict, filtered records.
   *
   * @param me the session
   * @param view the log
   * @return the page
   */
  public static native TemplateInstance audit(SignedIn me, AuditView view);

  /**
   * The tenant chain's verdict (a fragment of the audit page).
   *
   * @param me the session
   * @param view the log, with the verdict
   * @return the fragment
   */
  public static native TemplateInstance audit$verdict(SignedIn me, AuditView view);
}
