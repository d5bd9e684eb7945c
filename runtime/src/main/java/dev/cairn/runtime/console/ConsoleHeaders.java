package dev.cairn.runtime.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every console response (pages, fragments, errors and static files): a strict
 * Content-Security-Policy that allows only this origin's scripts and styles and no inline code, no
 * framing, no MIME sniffing, no referrer leaving the site.
 */
@ApplicationScoped
public class ConsoleHeaders {
  /** The policy. */
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none';"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /**
   * The referrer policy: {@code same-origin}, not {@code no-referrer}, because under {@code
   * no-referrer} browsers send {@code Origin: null} on form posts and the same-origin check could
   * not tell the console's own forms from forged ones. No referrer leaves the site either way.
   */
  public static final String REFERRER_POLICY = "same-origin";

  void install(@Observes Router router) {
    router.route("/console*").order(-10).handler(ConsoleHeaders::secure);
  }

  private static void secure(RoutingContext ctx) {
    ctx.addHeadersEndHandler(
        ignored ->
            ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", REFERRER_POLICY)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cache-Control", "no-store"));
    ctx.next();
  }
}
