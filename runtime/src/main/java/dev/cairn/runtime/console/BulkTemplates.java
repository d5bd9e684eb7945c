package dev.cairn.runtime.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The bulk actions' pages ({@code templates/console/bulk*.html}); Qute escapes every value. */
@CheckedTemplate(basePath = "console")
public final class BulkTemplates {
  private BulkTemplates() {}

  /**
   * A dry run's count, sample and exact filter, with the confirm form.
   *
   * @param me the session
   * @param view the dry run
   * @return the page
   */
  public static native TemplateInstance bulkConfirm(SignedIn me, BulkConfirmView view);

  /**
   * What a confirmed bulk action did.
   *
   * @param me the session
   * @param view the result
   * @return the page
   */
  public static native TemplateInstance bulkResult(SignedIn me, BulkResultView view);
}
