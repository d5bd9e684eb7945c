package dev.cairn.runtime.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The console's pages and fragments ({@code src/main/resources/templates/console}); HTML templates,
 * so Qute escapes every value, and none is ever written raw.
 */
@CheckedTemplate(basePath = "console")
public final class ConsoleTemplates {
  private ConsoleTemplates() {}

  /**
   * The sign-in page.
   *
   * @param me always null (no session yet)
   * @param error a message for a refused key, or null
   * @return the page
   */
  public static native TemplateInstance signIn(SignedIn me, String error);

  /**
   * The runs list.
   *
   * @param me the session
   * @param view the list
   * @return the page
   */
  public static native TemplateInstance runs(SignedIn me, RunsView view);

  /**
   * The live counts per state, refreshed by htmx.
   *
   * @param me the session
   * @param view the list
   * @return the fragment
   */
  public static native TemplateInstance runs$counts(SignedIn me, RunsView view);

  /**
   * One run.
   *
   * @param me the session
   * @param view the run
   * @param eventSeq the run's last event before the view was read (the page listens after it)
   * @return the page
   */
  public static native TemplateInstance run(SignedIn me, RunView view, int eventSeq);

  /**
   * A run's live panel (state, counters, approvals, newest timeline page).
   *
   * @param me the session
   * @param view the run
   * @return the fragment
   */
  public static native TemplateInstance run$panel(SignedIn me, RunView view);

  /**
   * Older timeline entries ("load more").
   *
   * @param me the session
   * @param view the run
   * @return the fragment
   */
  public static native TemplateInstance run$older(SignedIn me, RunView view);

  /**
   * Timeline entries newer than what a live page shows, with the page's new position.
   *
   * @param me who is signed in
   * @param runId the run
   * @param newer the new entries
   * @return the fragment
   */
  public static native TemplateInstance runNewer(SignedIn me, String runId, NewerEntries newer);

  /**
   * A run's checkpoint-chain verdict (a fragment of the run page).
   *
   * @param me the session
   * @param verdict the verdict
   * @return the fragment
   */
  public static native TemplateInstance verify(
      SignedIn me, dev.cairn.runtime.api.audit.VerificationResponse verdict);

  /**
   * The inbox.
   *
   * @param me the session
   * @param view the inbox
   * @return the page
   */
  public static native TemplateInstance inbox(SignedIn me, InboxView view);

  /**
   * A refusal, as problem details.
   *
   * @param me the session, or null
   * @param problem the refusal
   * @return the page
   */
  public static native TemplateInstance error(SignedIn me, ConsoleException problem);
}
