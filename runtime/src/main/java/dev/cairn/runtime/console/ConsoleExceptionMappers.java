package dev.cairn.runtime.console;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Console refusals as HTML pages; a missing session sends the browser to sign in. */
public class ConsoleExceptionMappers {
  /**
   * A refusal as a page with its problem details.
   *
   * @param e the refusal
   * @return the response
   */
  @ServerExceptionMapper
  public Response refused(ConsoleException e) {
    return Response.status(e.status())
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(ConsoleTemplates.error(null, e).render())
        .build();
  }

  /**
   * No live session: to the sign-in page (htmx requests get {@code HX-Redirect}, since a redirect
   * would swap the sign-in page into a fragment).
   *
   * @param e the exception
   * @param headers the request headers
   * @return the response
   */
  @ServerExceptionMapper
  public Response notSignedIn(NotSignedInException e, HttpHeaders headers) {
    if (headers.getHeaderString("HX-Request") != null) {
      return Response.status(401).header("HX-Redirect", "/console/sign-in").build();
    }
    return Response.seeOther(URI.create("/console/sign-in")).build();
  }
}
