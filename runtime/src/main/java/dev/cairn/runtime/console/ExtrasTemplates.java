package dev.cairn.runtime.console;

import dev.cairn.runtime.audit.replay.ReplayReport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The run page's audit extras: replay verdict, fork form, side-by-side comparison and task graph
 * ({@code src/main/resources/templates/console}); HTML templates, so Qute escapes every value.
 */
@CheckedTemplate(basePath = "console")
public final class ExtrasTemplates {
  private ExtrasTemplates() {}

  /**
   * A recorded replay's verdict (a fragment of the run page).
   *
   * @param me the session
   * @param report the replay's report
   * @return the fragment
   */
  public static native TemplateInstance replay(SignedIn me, ReplayReport report);

  /**
   * The form forking a run after one checkpoint, as a page.
   *
   * @param me the session
   * @param view the form
   * @return the page
   */
  public static native TemplateInstance fork(SignedIn me, ForkFormView view);

  /**
   * The fork form alone (loaded into the timeline entry).
   *
   * @param me the session
   * @param view the form
   * @return the fragment
   */
  public static native TemplateInstance fork$form(SignedIn me, ForkFormView view);

  /**
   * Two runs side by side.
   *
   * @param me the session
   * @param view the comparison
   * @return the page
   */
  public static native TemplateInstance compare(SignedIn me, CompareView view);

  /**
   * The rows of a comparison (what the live refresh fetches).
   *
   * @param me the session
   * @param view the comparison
   * @return the fragment
   */
  public static native TemplateInstance compare$rows(SignedIn me, CompareView view);

  /**
   * A run's task graph (a fragment of the run page).
   *
   * @param me the session
   * @param view the graph
   * @return the fragment
   */
  public static native TemplateInstance tasks(SignedIn me, TasksView view);
}
